// Writes a large, realistic Spark 3.5 event log for benchmarking `sparkfit analyze`.
//
//   eventlog_gen TASKS [OUT] [EXECUTORS] [CORES]      (OUT defaults to stdout)
//
// The lines have the shape of real ones (nds_q72_dataproc_2_2 in tests/data/eventlogs): a
// TaskEnd carries Task Info with ~10 accumulables, Task Executor Metrics and the full Task Metrics
// with push-based shuffle fields, 3.2-3.5 KB per line; each task also has its TaskStart line, and
// stages of 2000 tasks alternate between scans and shuffle reads with skewed durations.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

namespace {

const char* const kAccumulables[] = {"executorDeserializeTime",
                                     "executorDeserializeCpuTime",
                                     "executorRunTime",
                                     "executorCpuTime",
                                     "resultSize",
                                     "jvmGCTime",
                                     "shuffle.read.remoteBlocksFetched",
                                     "shuffle.read.localBlocksFetched",
                                     "shuffle.read.remoteBytesRead",
                                     "shuffle.write.bytesWritten",
                                     "input.bytesRead"};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: eventlog_gen TASKS [OUT] [EXECUTORS] [CORES]\n");
    return 2;
  }
  const long long tasks = std::atoll(argv[1]);
  std::FILE* out = argc > 2 && std::strcmp(argv[2], "-") != 0 ? std::fopen(argv[2], "wb") : stdout;
  if (!out) {
    std::perror("eventlog_gen");
    return 2;
  }
  const int executors = argc > 3 ? std::atoi(argv[3]) : 50;
  const int cores = argc > 4 ? std::atoi(argv[4]) : 4;
  const long long per_stage = 2000;
  std::mt19937_64 random(42);
  std::lognormal_distribution<double> duration(6.0, 0.6);  // ms, median ~400

  std::int64_t now = 1751493900000;
  std::fprintf(out, "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.3\"}\n");
  std::fprintf(out,
               "{\"Event\":\"SparkListenerEnvironmentUpdate\",\"JVM Information\":{\"Java Version\":\"17\"},"
               "\"Spark Properties\":{\"spark.executor.cores\":\"%d\",\"spark.executor.memory\":\"16g\","
               "\"spark.executor.instances\":\"%d\",\"spark.sql.shuffle.partitions\":\"2000\"},"
               "\"Hadoop Properties\":{},\"System Properties\":{},\"Classpath Entries\":{}}\n",
               cores, executors);
  std::fprintf(out,
               "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"generated\",\"App ID\":\"app-1\","
               "\"Timestamp\":%" PRId64 ",\"User\":\"bench\"}\n",
               now);
  for (int e = 1; e <= executors; ++e)
    std::fprintf(out,
                 "{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":%" PRId64
                 ",\"Executor ID\":\"%d\",\"Executor Info\":{\"Host\":\"worker-%d.internal\",\"Total Cores\":%d,"
                 "\"Log Urls\":{},\"Attributes\":{},\"Resources\":{},\"Resource Profile Id\":0}}\n",
                 now + 1000, e, e, cores);
  now += 5000;
  const long long slots = static_cast<long long>(executors) * cores;
  long long task_id = 0;
  int stage = 0;
  std::string line;
  line.reserve(8192);
  char buffer[4096];
  for (long long done = 0; done < tasks; ++stage) {
    const long long n = std::min(per_stage, tasks - done);
    const bool shuffle = stage % 2 == 1;
    std::fprintf(out,
                 "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":%d,\"Submission Time\":%" PRId64
                 ",\"Stage Infos\":[],\"Stage IDs\":[%d],\"Properties\":{}}\n",
                 stage, now, stage);
    std::fprintf(out,
                 "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":{\"Stage ID\":%d,\"Stage Attempt ID\":0,"
                 "\"Stage Name\":\"%s at Bench.scala:%d\",\"Number of Tasks\":%lld,\"RDD Info\":[],\"Parent IDs\":[%s],"
                 "\"Details\":\"\",\"Submission Time\":%" PRId64
                 ",\"Accumulables\":[],\"Resource Profile Id\":0},"
                 "\"Properties\":{}}\n",
                 stage, shuffle ? "sum" : "parquet", stage, n, shuffle ? std::to_string(stage - 1).c_str() : "", now);
    // Tasks go to the earliest free slot (a simple round robin of waves).
    std::int64_t stage_end = now;
    std::vector<std::int64_t> free_at(static_cast<std::size_t>(slots), now + 10);
    for (long long i = 0; i < n; ++i, ++task_id) {
      const std::size_t slot = static_cast<std::size_t>(i % slots);
      const std::int64_t launch = free_at[slot];
      auto run = static_cast<std::int64_t>(duration(random));
      if (random() % 997 == 0) run *= 8;  // a few stragglers
      const std::int64_t finish = launch + run + 20;
      free_at[slot] = finish;
      stage_end = std::max(stage_end, finish);
      const int executor = static_cast<int>(slot / static_cast<std::size_t>(cores)) + 1;
      const std::int64_t bytes = static_cast<std::int64_t>(run) * 250000 + static_cast<std::int64_t>(random() % 100000);
      const std::int64_t cpu = run * 800000;
      std::fprintf(
          out,
          "{\"Event\":\"SparkListenerTaskStart\",\"Stage ID\":%d,\"Stage Attempt ID\":0,\"Task Info\":{"
          "\"Task ID\":%lld,\"Index\":%lld,\"Attempt\":0,\"Partition ID\":%lld,\"Launch Time\":%" PRId64
          ",\"Executor ID\":\"%d\",\"Host\":\"worker-%d.internal\",\"Locality\":\"PROCESS_LOCAL\","
          "\"Speculative\":false,\"Getting Result Time\":0,\"Finish Time\":0,\"Failed\":false,\"Killed\":false,"
          "\"Accumulables\":[]}}\n",
          stage, task_id, i, i, launch, executor, executor);
      line.clear();
      std::snprintf(buffer, sizeof buffer,
                    "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":%d,\"Stage Attempt ID\":0,\"Task Type\":\"%s\","
                    "\"Task End Reason\":{\"Reason\":\"Success\"},\"Task Info\":{\"Task ID\":%lld,\"Index\":%lld,"
                    "\"Attempt\":0,\"Partition ID\":%lld,\"Launch Time\":%" PRId64
                    ",\"Executor ID\":\"%d\",\"Host\":\"worker-%d.internal\",\"Locality\":\"PROCESS_LOCAL\","
                    "\"Speculative\":false,\"Getting Result Time\":0,\"Finish Time\":%" PRId64
                    ",\"Failed\":false,\"Killed\":false,\"Accumulables\":[",
                    stage, shuffle ? "ResultTask" : "ShuffleMapTask", task_id, i, i, launch, executor, executor,
                    finish);
      line += buffer;
      int id = 400 + stage * 40;
      for (const char* name : kAccumulables) {
        std::snprintf(buffer, sizeof buffer,
                      "%s{\"ID\":%d,\"Name\":\"internal.metrics.%s\",\"Update\":%" PRId64 ",\"Value\":%" PRId64
                      ",\"Internal\":true,\"Count Failed Values\":true}",
                      id == 400 + stage * 40 ? "" : ",", id, name, run * 3 + id, bytes + id);
        line += buffer;
        ++id;
      }
      std::snprintf(
          buffer, sizeof buffer,
          "]},\"Task Executor Metrics\":{\"JVMHeapMemory\":0,\"JVMOffHeapMemory\":0,\"OnHeapExecutionMemory\":0,"
          "\"OffHeapExecutionMemory\":0,\"OnHeapStorageMemory\":0,\"OffHeapStorageMemory\":0,"
          "\"OnHeapUnifiedMemory\":0,\"OffHeapUnifiedMemory\":0,\"DirectPoolMemory\":0,\"MappedPoolMemory\":0,"
          "\"ProcessTreeJVMVMemory\":0,\"ProcessTreeJVMRSSMemory\":0,\"ProcessTreePythonVMemory\":0,"
          "\"ProcessTreePythonRSSMemory\":0,\"ProcessTreeOtherVMemory\":0,\"ProcessTreeOtherRSSMemory\":0,"
          "\"MinorGCCount\":0,\"MinorGCTime\":0,\"MajorGCCount\":0,\"MajorGCTime\":0,\"TotalGCTime\":0},"
          "\"Task Metrics\":{\"Executor Deserialize Time\":12,\"Executor Deserialize CPU Time\":4493095,"
          "\"Executor Run Time\":%" PRId64 ",\"Executor CPU Time\":%" PRId64 ",\"Peak Execution Memory\":%" PRId64
          ",\"Result Size\":2746,\"JVM GC Time\":%" PRId64
          ",\"Result Serialization Time\":0,\"Memory Bytes Spilled\":0,\"Disk Bytes Spilled\":0,"
          "\"Shuffle Read Metrics\":{\"Remote Blocks Fetched\":%d,\"Local Blocks Fetched\":%d,"
          "\"Fetch Wait Time\":%d,\"Remote Bytes Read\":%" PRId64
          ",\"Remote Bytes Read To Disk\":0,"
          "\"Local Bytes Read\":%" PRId64 ",\"Total Records Read\":%" PRId64
          ",\"Remote Requests Duration\":0,\"Push Based Shuffle\":{\"Corrupt Merged Block Chunks\":0,"
          "\"Merged Fetch Fallback Count\":0,\"Merged Remote Blocks Fetched\":0,\"Merged Local Blocks Fetched\":0,"
          "\"Merged Remote Chunks Fetched\":0,\"Merged Local Chunks Fetched\":0,\"Merged Remote Bytes Read\":0,"
          "\"Merged Local Bytes Read\":0,\"Merged Remote Requests Duration\":0}},"
          "\"Shuffle Write Metrics\":{\"Shuffle Bytes Written\":%" PRId64 ",\"Shuffle Write Time\":%" PRId64
          ",\"Shuffle Records Written\":%" PRId64 "},\"Input Metrics\":{\"Bytes Read\":%" PRId64
          ",\"Records Read\":%" PRId64
          "},\"Output Metrics\":{\"Bytes Written\":0,\"Records Written\":0},"
          "\"Updated Blocks\":[]}}\n",
          run, cpu, bytes / 4, run / 30, shuffle ? 40 : 0, shuffle ? 10 : 0, shuffle ? 3 : 0,
          shuffle ? bytes * 4 / 5 : 0, shuffle ? bytes / 5 : 0, bytes / 100, shuffle ? 0 : bytes / 3, run * 50000,
          bytes / 300, shuffle ? 0 : bytes, bytes / 100);
      line += buffer;
      std::fwrite(line.data(), 1, line.size(), out);
    }
    std::fprintf(out,
                 "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":{\"Stage ID\":%d,\"Stage Attempt ID\":0,"
                 "\"Stage Name\":\"stage\",\"Number of Tasks\":%lld,\"RDD Info\":[],\"Parent IDs\":[],\"Details\":\"\","
                 "\"Submission Time\":%" PRId64 ",\"Completion Time\":%" PRId64 ",\"Accumulables\":[]}}\n",
                 stage, n, now, stage_end);
    std::fprintf(out,
                 "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":%d,\"Completion Time\":%" PRId64
                 ",\"Job Result\":{\"Result\":\"JobSucceeded\"}}\n",
                 stage, stage_end + 5);
    now = stage_end + 200;
    done += n;
  }
  std::fprintf(out, "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":%" PRId64 "}\n", now + 1000);
  if (out != stdout) std::fclose(out);
  return 0;
}
