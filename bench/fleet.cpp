// Fleet throughput of `sparkfit analyze DIR`: the shared event logs (DATA/eventlogs) copied
// --copies times (20 by default) into a temporary directory, analyzed with --jobs 1 and --jobs 2
// in one run, alternately --repeat times (the best of each is kept: the machine may be shared).
// Each analyze runs in a child process of its own (fork), so that its peak RSS is its own
// (wait4's rusage). Prints logs/s, MiB/s (bytes on disk), the speedup of --jobs 2 and the peak RSS
// of each, the load average before and after, and checks that both give the same bytes.
//
// Run: build/bench/fleet [--data DIR] [--copies N] [--repeat N]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sparkfit/cli/cli.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  double seconds = 0;
  double cpu_seconds = 0;  // user + system: over `seconds`, the cores the run got
  long peak_rss_kib = 0;
  int exit_code = 0;
  std::string output;
};

// Copies `from` into `to` `copies` times (to/copy-N/...), symbolic links left out as analyze
// leaves them; returns the logs' bytes on disk.
std::uintmax_t copy_logs(const fs::path& from, const fs::path& to, int copies) {
  std::uintmax_t bytes = 0;
  for (int copy = 0; copy < copies; ++copy) {
    const fs::path target = to / ("copy-" + std::to_string(copy));
    fs::copy(from, target, fs::copy_options::recursive | fs::copy_options::skip_symlinks);
  }
  for (const auto& entry : fs::recursive_directory_iterator(to))
    if (entry.is_regular_file()) bytes += entry.file_size();
  return bytes;
}

// `sparkfit analyze DIR --jobs N --format json` in a child process; its output lands in a file.
Run analyze_in_child(const fs::path& dir, int jobs, const fs::path& output) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = fork();
  if (child == 0) {
    std::ofstream out(output, std::ios::binary);
    std::ostringstream err;
    const int code = sparkfit::cli::run({"--data-dir", SPARKFIT_SOURCE_DIR, "analyze", dir.string(), "--jobs",
                                         std::to_string(jobs), "--format", "json"},
                                        out, err);
    out.close();
    std::_Exit(code);
  }
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  Run run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peak_rss_kib = usage.ru_maxrss;
  run.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(output, std::ios::binary);
  run.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return run;
}

std::string load_average() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) != 3) return "unknown";
  char text[64];
  std::snprintf(text, sizeof text, "%.2f %.2f %.2f", load[0], load[1], load[2]);
  return text;
}

std::size_t count_rows(const std::string& json) {
  std::size_t rows = 0;
  for (std::size_t at = json.find("\"path\": "); at != std::string::npos; at = json.find("\"path\": ", at + 1)) ++rows;
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = std::string(SPARKFIT_SOURCE_DIR) + "/../shared/data";
  int copies = 20, repeat = 3;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--data") && i + 1 < argc) {
      data = argv[++i];
    } else if (!std::strcmp(argv[i], "--copies") && i + 1 < argc) {
      copies = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: fleet [--data DIR] [--copies N] [--repeat N]\n");
      return 2;
    }
  }
  const fs::path logs = fs::path(data) / "eventlogs";
  if (!fs::is_directory(logs)) {
    std::fprintf(stderr, "fleet: %s is not a directory (the event logs live in ../shared/data/eventlogs)\n",
                 logs.c_str());
    return 2;
  }
  const fs::path work = fs::temp_directory_path() / ("sparkfit-bench-fleet-" + std::to_string(getpid()));
  fs::remove_all(work);
  fs::create_directories(work / "logs");
  const std::uintmax_t bytes = copy_logs(logs, work / "logs", copies);
  const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::printf("fleet: %s copied %d times: %.1f MiB on disk; %ld cores online; load average before %s\n", logs.c_str(),
              copies, mib, sysconf(_SC_NPROCESSORS_ONLN), load_average().c_str());

  const int jobs_list[] = {1, 2};
  Run best[2];
  for (int r = 0; r < repeat; ++r)
    for (int j = 0; j < 2; ++j) {
      Run run = analyze_in_child(work / "logs", jobs_list[j], work / ("out-" + std::to_string(j) + ".json"));
      std::printf("  run %d --jobs %d: %.2f s, CPU %.2f s (%.2f cores), peak RSS %.1f MiB, exit %d\n", r + 1,
                  jobs_list[j], run.seconds, run.cpu_seconds, run.cpu_seconds / run.seconds,
                  static_cast<double>(run.peak_rss_kib) / 1024.0, run.exit_code);
      if (r == 0 || run.seconds < best[j].seconds) best[j] = std::move(run);
    }
  const std::size_t rows = count_rows(best[0].output);
  const bool same = best[0].output == best[1].output;
  std::printf(
      "\n| --jobs | logs | wall s (best of %d) | CPU s | cores used | logs/s | MiB/s | peak RSS MiB |\n"
      "|---|---|---|---|---|---|---|---|\n",
      repeat);
  for (int j = 0; j < 2; ++j)
    std::printf("| %d | %zu | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f |\n", jobs_list[j], rows, best[j].seconds,
                best[j].cpu_seconds, best[j].cpu_seconds / best[j].seconds, static_cast<double>(rows) / best[j].seconds,
                mib / best[j].seconds, static_cast<double>(best[j].peak_rss_kib) / 1024.0);
  std::printf("\nspeedup --jobs 2 over --jobs 1: %.2fx; same bytes: %s; load average after %s\n",
              best[0].seconds / best[1].seconds, same ? "yes" : "NO", load_average().c_str());
  fs::remove_all(work);
  return same && best[0].exit_code == best[1].exit_code ? 0 : 1;
}
