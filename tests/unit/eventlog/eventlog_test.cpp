// The event-log reader, the profile and the replay, against real Spark logs (tests/data/eventlogs,
// copied from the public repositories named in its README) and genuine lz4/snappy/lzf streams
// made by the Java libraries Spark uses (tests/java).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/output/analyze.hpp"
#include "sparkfit/rules/rule_file.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit;
using namespace sparkfit::eventlog;
using namespace sparkfit::testing;

namespace {

const std::string kLogs = kTestData + "/eventlogs";
const std::string kRapids = kLogs + "/spark-rapids-tools";

const std::vector<rules::Rule>& eventlog_rules() {
  static const std::vector<rules::Rule> loaded =
      rules::load_rules(kSourceDir + "/rules/eventlog", &eventlog::fact_names());
  return loaded;
}

// The profile with its findings, judged by the shipped eventlog rules.
Profile analyze_with_rules(const std::string& path) {
  AnalyzeOptions options;
  options.rules = &eventlog_rules();
  return analyze(read_event_log(path), options);
}
const std::string kPlain = kLogs + "/sparklens/local-1532512550423";

struct Expected {
  const char* path;  // under tests/data/eventlogs
  const char* spark_version;
  std::int64_t tasks;
  int executors_added;
  double duration_s;  // app end - app start, or last event - start when incomplete
  bool complete;
};

// From the inventory the logs came with (tests/data/eventlogs/README.md) (task_end, executors_added, spark_version,
// app_duration_s, has_app_end); durations of incomplete logs are last event - start, read off the logs.
const Expected kExpected[] = {
    {"dr-elephant/event_log_1", "1.5.1", 10, 2, 55.273, true},
    {"dr-elephant/event_log_2", "1.4.1", 0, 0, 0, false},
    {"spark-rapids-tools/spark-events-profiling/eventlog_dsv1.zstd", "3.1.1", 31, 1, 175.293, true},
    {"spark-rapids-tools/spark-events-profiling/eventlog_dsv2.zstd", "3.1.1", 31, 1, 83.738, true},
    {"spark-rapids-tools/spark-events-profiling/malformed_json_eventlog.zstd", "3.1.1", 217, 9, 119.99, true},
    {"spark-rapids-tools/spark-events-profiling/rp_nosql_eventlog", "3.1.1", 4, 3, 59.64, true},
    {"spark-rapids-tools/spark-events-profiling/rp_sql_eventlog.zstd", "3.1.1", 217, 9, 119.99, true},
    {"spark-rapids-tools/spark-events-profiling/spark2-eventlog.zstd", "2.2.3", 6, 1, 47.063, true},
    {"spark-rapids-tools/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd", "3.1.1", 8630, 8,
     97.482, true},
    {"spark-rapids-tools/spark-events-qualification/aqeshuffle_eventlog.zstd", "3.2.1", 26, 1, 17.896, true},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_2nodes_8cores", "3.1.1", 21, 2, 6.114,
     false},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_3nodes_12cores_exec_removed", "3.1.1",
     21, 3, 6.114, false},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_3nodes_12cores_multiple_executors",
     "3.1.1", 3, 4, 355.637, true},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_3nodes_12cores_variable_cores",
     "3.1.1", 21, 3, 6.114, false},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_4nodes_8cores_dynamic_alloc.zstd",
     "3.2.1", 235, 15, 205.291, true},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_driver_only", "3.1.1", 3, 0, 355.637,
     true},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/platform/databricks-aws", "3.1.1", 3, 2,
     355.637, true},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/platform/databricks-azure", "3.1.1", 3, 2,
     355.637, true},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/platform/dataproc", "3.1.1", 21, 2, 6.114,
     false},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/platform/emr", "3.1.1", 21, 2, 6.114, false},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/platform/onprem", "3.1.1", 21, 2, 6.114, false},
    {"spark-rapids-tools/spark-events-qualification/db_sim_eventlog/eventlog", "", 129, 0, 71.467, true},
    {"spark-rapids-tools/spark-events-qualification/db_sim_eventlog/eventlog-2021-06-15--15-00.gz", "3.1.1", 2672, 1,
     90.108, false},
    {"spark-rapids-tools/spark-events-qualification/db_subExecution_id.zstd", "", 137, 2, 345.609, false},
    {"spark-rapids-tools/spark-events-qualification/empty_eventlog", "3.1.1", 0, 1, 22.937, true},
    {"spark-rapids-tools/spark-events-qualification/eventlog_v2_local-1623876083964", "3.1.1", 2672 + 129, 1, 133.857,
     true},
    {"spark-rapids-tools/spark-events-qualification/java_udf_eventlog", "3.5.5", 2, 1, 1.864, true},
    {"spark-rapids-tools/spark-events-qualification/jdbc_eventlog.zstd", "3.1.1", 203, 1, 571.967, true},
    {"spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_1_eventlog.zstd", "3.3.0-amzn-0", 107, 10,
     42.664, true},
    {"spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_2_eventlog.zstd", "3.3.0-amzn-0", 107, 10,
     42.469, true},
    {"spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_3_eventlog.zstd", "3.3.0-amzn-0", 107, 10,
     44.261, true},
    {"spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_4_eventlog.zstd", "3.3.0-amzn-0", 107, 10,
     43.657, true},
    {"spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd", "3.5.3", 13504, 8, 116.729, true},
    {"spark-rapids-tools/spark-events-qualification/pandas_execs_eventlog.zstd", "3.1.1", 640, 1, 133.748, true},
    {"spark-rapids-tools/spark-events-qualification/truncated_eventlog", "3.1.1", 21, 1, 6.114, false},
    {"sparklens/local-1532512550423", "2.3.0", 8, 1, 15.975, true},
};

}  // namespace

TEST_SUITE("eventlog") {
  TEST_CASE("every copied real log is read, with the task counts, executors, versions and durations it records") {
    for (const Expected& e : kExpected) {
      CAPTURE(e.path);
      RunLog log = read_event_log(kLogs + "/" + e.path);
      Profile p = analyze(log);
      CHECK(p.spark_version == e.spark_version);
      CHECK(p.tasks == e.tasks);
      CHECK(p.executors_added == e.executors_added);
      CHECK(p.complete == e.complete);
      CHECK(p.duration_s == doctest::Approx(e.duration_s).epsilon(1e-9));
    }
  }

  TEST_CASE("every file under tests/data/eventlogs is read or rejected without a crash") {
    int read = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kLogs)) {
      if (!entry.is_regular_file()) continue;
      const std::string name = entry.path().filename().string();
      if (name == "LICENSE" || name == "README.md" || name.find("sparklens.json") != std::string::npos) continue;
      CAPTURE(entry.path().string());
      try {
        Profile p = analyze(read_event_log(entry.path().string()), AnalyzeOptions{{1, 3}});
        CHECK(p.what_if.size() == 2);
        ++read;
      } catch (const InputError&) {
        // A corrupt fixture is an input error, never a crash.
      }
    }
    CHECK(read >= 40);
  }

  TEST_CASE("the malformed line is reported with its line number and reading goes on") {
    RunLog log = read_event_log(kRapids + "/spark-events-profiling/malformed_json_eventlog.zstd");
    REQUIRE(log.faults.size() == 1);
    CHECK(log.faults[0].line == 4);
    CHECK(log.faults[0].file == kRapids + "/spark-events-profiling/malformed_json_eventlog.zstd");
    CHECK(log.faults[0].message ==
          "malformed JSON (The JSON document has an improper structure: missing or "
          "superfluous commas, braces, missing keys, etc.), line skipped");
    CHECK(log.lines == 477);
    CHECK(log.tasks.size() == 217);
    // The bad line was the EnvironmentUpdate: its properties are lost, nothing else.
    CHECK(log.spark_properties.empty());
  }

  TEST_CASE("a log without ApplicationEnd is incomplete and lasts until its last event") {
    Profile p = analyze(read_event_log(kRapids + "/spark-events-qualification/truncated_eventlog"));
    CHECK_FALSE(p.complete);
    CHECK(p.duration_s == doctest::Approx(6.114));
    CHECK(p.tasks == 21);
    CHECK(output::analyze_json(p).find("\"complete\": false") != std::string::npos);
  }

  TEST_CASE("the empty log has an application and an executor but no tasks, stages or findings about them") {
    Profile p = analyze(read_event_log(kRapids + "/spark-events-qualification/empty_eventlog"), AnalyzeOptions{{4}});
    CHECK(p.complete);
    CHECK(p.tasks == 0);
    CHECK(p.stages.empty());
    CHECK(p.jobs == 0);
    CHECK(p.replayed_s == doctest::Approx(22.937));
    REQUIRE(p.what_if.size() == 1);
    CHECK(p.what_if[0].replayed_s == doctest::Approx(22.937));  // all driver time
  }

  TEST_CASE("an empty file and a blank file are read as a log with nothing in it") {
    RunLog log;
    auto source = memory_source("");
    read_json_lines(*source, "empty", log);
    CHECK(log.lines == 0);
    auto blank = memory_source("\n  \n\r\n");
    read_json_lines(*blank, "blank", log);
    CHECK(log.faults.empty());
    Profile p = analyze(log);
    CHECK(p.duration_s == 0);
    CHECK_FALSE(p.complete);
  }

  TEST_CASE("a rolling event log directory is read part after part, ignoring appstatus") {
    RunLog log = read_event_log(kRapids + "/spark-events-qualification/eventlog_v2_local-1623876083964");
    REQUIRE(log.files.size() == 2);
    CHECK(log.files[0].find("events_1_") != std::string::npos);
    CHECK(log.files[1].find("events_2_") != std::string::npos);
    CHECK(log.lines == 5370 + 251);
    CHECK(log.tasks.size() == 2801);
    CHECK(log.complete());
    CHECK(log.spark_version == "3.1.1");
  }

  TEST_CASE("a directory that is not a rolling log is an input error") {
    CHECK(error_of([] { read_event_log(kLogs + "/dr-elephant"); }) ==
          kLogs + "/dr-elephant: error: a directory, but not a rolling event log: no events_N_* files in it");
  }

  TEST_CASE("the codec follows the file name as Spark names its logs") {
    CHECK(codec_for_path("app-1.zstd") == Codec::zstd);
    CHECK(codec_for_path("app-1.zst") == Codec::zstd);
    CHECK(codec_for_path("app-1.lz4") == Codec::lz4);
    CHECK(codec_for_path("app-1.lz4.inprogress") == Codec::lz4);
    CHECK(codec_for_path("app-1.snappy") == Codec::snappy);
    CHECK(codec_for_path("app-1.lzf") == Codec::lzf);
    CHECK(codec_for_path("eventlog-2021.gz") == Codec::gzip);
    CHECK(codec_for_path("local-1532512550423") == Codec::none);
  }

  TEST_CASE("lz4, snappy and lzf streams written by Spark's Java libraries decode to exactly the plain log") {
    const std::string plain = read_file(kPlain);
    REQUIRE(plain.size() == 56749);
    for (Codec codec : {Codec::lz4, Codec::snappy, Codec::lzf}) {
      const std::string path = kLogs + "/codecs/local-1532512550423." + std::string(to_string(codec));
      CAPTURE(path);
      CHECK(decompress(codec, read_file(path), path) == plain);
      Profile p = analyze(read_event_log(path));
      CHECK(p.tasks == 8);
      CHECK(p.duration_s == doctest::Approx(15.975));
    }
  }

  TEST_CASE("zstd and gzip logs decode as the zstd and gzip tools would") {
    RunLog zstd = read_event_log(kRapids + "/spark-events-profiling/spark2-eventlog.zstd");
    CHECK(zstd.lines == 58);
    RunLog gz = read_event_log(kRapids + "/spark-events-qualification/db_sim_eventlog/eventlog-2021-06-15--15-00.gz");
    CHECK(gz.lines == 5370);
  }

  TEST_CASE("a corrupt compressed block is an input error naming the file and the block's byte offset") {
    const std::string base = kLogs + "/codecs/local-1532512550423";
    std::string lz4 = read_file(base + ".lz4");
    lz4[17] = static_cast<char>(lz4[17] ^ 0x01);  // the first block's checksum
    CHECK(error_of([&] { decompress(Codec::lz4, lz4, "app.lz4"); }) ==
          "app.lz4: error: corrupt lz4 data at byte offset 0: checksum mismatch");

    std::string lz4_second = read_file(base + ".lz4");
    const std::size_t second = lz4_second.find("LZ4Block", 8);
    REQUIRE(second != std::string::npos);
    lz4_second[second + 25] = static_cast<char>(lz4_second[second + 25] ^ 0x40);  // inside its data
    std::string error = error_of([&] { decompress(Codec::lz4, lz4_second, "app.lz4"); });
    CHECK(error.rfind("app.lz4: error: corrupt lz4 data at byte offset " + std::to_string(second) + ": ", 0) == 0);

    std::string snappy = read_file(base + ".snappy");
    snappy[16] = '\x7f';  // the first chunk's length
    CHECK(error_of([&] { decompress(Codec::snappy, snappy, "app.snappy"); }) ==
          "app.snappy: error: corrupt snappy data at byte offset 16: impossible chunk length");

    std::string lzf = read_file(base + ".lzf");
    lzf[0] = 'X';
    CHECK(error_of([&] { decompress(Codec::lzf, lzf, "app.lzf"); }) ==
          "app.lzf: error: corrupt lzf data at byte offset 0: no ZV chunk signature");

    // An empty compressed chunk that claims 192 bytes (a crash in liblzf, found by fuzzing).
    CHECK(error_of([&] { decompress(Codec::lzf, std::string("ZV\x01\x00\x00\x00\xc0", 7), "app.lzf"); }) ==
          "app.lzf: error: corrupt lzf data at byte offset 0: the chunk does not decompress");

    std::string zstd = read_file(kRapids + "/spark-events-profiling/spark2-eventlog.zstd");
    zstd[0] = 'X';
    CHECK(error_of([&] { decompress(Codec::zstd, zstd, "app.zstd"); }) ==
          "app.zstd: error: corrupt zstd data at byte offset 0: Unknown frame descriptor");
  }

  TEST_CASE("a compressed stream cut short ends the log instead of failing") {
    std::string snappy = read_file(kLogs + "/codecs/local-1532512550423.snappy");
    CHECK(error_of([&] { decompress(Codec::snappy, snappy.substr(0, 16), "a.snappy"); }) == "(no error)");
    // Half of a zstd log: the blocks that arrived decode, the rest is simply missing.
    const std::string path = kRapids + "/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd";
    std::string zstd = read_file(path);
    std::string part = decompress(Codec::zstd, zstd.substr(0, zstd.size() / 2), "a.zstd");
    CHECK(part.size() > 1000000);
    CHECK(part == decompress(Codec::zstd, zstd, "a.zstd").substr(0, part.size()));
  }

  TEST_CASE("spill, GC and CPU are summed from the task metrics") {
    Profile p = analyze_with_rules(kRapids + "/spark-events-qualification/aqeshuffle_eventlog.zstd");
    CHECK(p.memory_spill_bytes == 553648128);  // sum of Memory Bytes Spilled over the TaskEnd lines
    CHECK(p.disk_spill_bytes == 118948980);
    bool spill_finding = false;
    for (const rules::Finding& f : p.findings) spill_finding |= f.id == "SF6001";
    CHECK(spill_finding);
    CHECK(p.gc_share > 0);
    CHECK(p.cpu_share > 0);
  }

  TEST_CASE("replay on the layout the run had reproduces its measured wall time within 2%") {
    const char* logs[] = {
        "spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd",
        "spark-rapids-tools/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd",
        "spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_4nodes_8cores_dynamic_alloc.zstd",
        "spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_1_eventlog.zstd",
        "spark-rapids-tools/spark-events-profiling/rp_sql_eventlog.zstd",
        "spark-rapids-tools/spark-events-qualification/pandas_execs_eventlog.zstd",
        "dr-elephant/event_log_1",
        "sparklens/local-1532512550423",
    };
    for (const char* path : logs) {
      CAPTURE(path);
      Profile p = analyze(read_event_log(kLogs + "/" + path));
      CHECK(p.replayed_s == doctest::Approx(p.measured_s).epsilon(0.02));
    }
  }

  TEST_CASE("fewer executors never replay faster, and the NDS run needs its 8 executors") {
    RunLog log = read_event_log(kRapids + "/spark-events-qualification/nds_q72_dataproc_2_2.zstd");
    Profile p = analyze(log, AnalyzeOptions{{1, 2, 4, 8, 16, 32}});
    REQUIRE(p.what_if.size() == 6);
    for (std::size_t i = 1; i < p.what_if.size(); ++i) CHECK(p.what_if[i].replayed_s <= p.what_if[i - 1].replayed_s);
    CHECK(p.what_if[3].replayed_s == doctest::Approx(p.replayed_s));
    CHECK(p.what_if[0].replayed_s > 2 * p.replayed_s);
    CHECK(p.peak_executors == 8);
    CHECK(p.executor_cores == 16);
    CHECK(replay(log, 8, 16) == doctest::Approx(p.replayed_s));
  }

  TEST_CASE("the Sparklens fixture: one local executor of 4 cores, driver time dominates, more executors do not help") {
    Profile p = analyze(read_event_log(kPlain), AnalyzeOptions{{2}});
    CHECK(p.peak_executors == 1);
    CHECK(p.executor_cores == 4);
    CHECK(p.tasks == 8);
    // sparklens.json: jobs 0 and 1 ran 1532512561759-1532512562228 and 1532512563447-1532512563461.
    CHECK(p.executor_time_s == doctest::Approx(0.469 + 0.014).epsilon(0.01));
    CHECK(p.driver_time_s == doctest::Approx(15.975 - 0.483).epsilon(0.01));
    REQUIRE(p.what_if.size() == 1);
    CHECK(p.what_if[0].replayed_s == doctest::Approx(p.replayed_s));
  }

  TEST_CASE("a log with 2- and 4-core executors says so instead of \"4 cores each\"") {
    RunLog log = read_event_log(kPlain);
    CHECK(output::analyze_text(analyze(log)).find("4 cores each") != std::string::npos);
    // Two more executors of 2 cores, added when the first was (a second resource profile, say).
    for (const char* id : {"1", "2"}) {
      ExecutorRecord small = log.executors.front();
      small.id = id;
      small.cores = 2;
      log.executors.push_back(small);
    }
    const std::string text = output::analyze_text(analyze(log));
    CHECK(text.find("cores each") == std::string::npos);
    CHECK(text.find("2-4 cores (2 x 2, 1 x 4)") != std::string::npos);
  }

  TEST_CASE("the layout a run used comes from its executors and its Spark properties") {
    // EMR, Spark 3.3.0-amzn-0, cluster mode: 10 executors x 3 cores, spark.executor.memory 9397M
    // and no overhead, factor or shuffle partitions set.
    RunLog emr = read_event_log(kRapids + "/spark-events-qualification/multiple_attempts/attempt_1_eventlog.zstd");
    RunLayout run = run_layout(analyze(emr), emr);
    CHECK(run.executors == 10);
    CHECK(run.executor_cores == 3);
    CHECK(run.task_cpus == 1);
    CHECK(run.heap_mib == 9397);
    CHECK(!run.overhead_mib);
    CHECK(!run.overhead_factor);
    CHECK(!run.shuffle_partitions);
    CHECK(run.adaptive == true);  // not set: on by default since Spark 3.2
    CHECK(!run.client_mode);
    // Dataproc, Spark 3.5.3, client mode: 40G heap + 10G overhead, 128 shuffle partitions, AQE set.
    RunLog nds = read_event_log(kRapids + "/spark-events-qualification/nds_q72_dataproc_2_2.zstd");
    run = run_layout(analyze(nds), nds);
    CHECK(run.executors == 8);
    CHECK(run.executor_cores == 16);
    CHECK(run.heap_mib == 40 * 1024);
    CHECK(run.overhead_mib == 10 * 1024);
    CHECK(run.shuffle_partitions == 128);
    CHECK(run.adaptive == true);
    CHECK(run.client_mode);
    // Spark 3.1.1 with AQE unset: off, its default before 3.2.
    RunLog old = read_event_log(kRapids + "/spark-events-profiling/rp_sql_eventlog.zstd");
    run = run_layout(analyze(old), old);
    CHECK(run.heap_mib == 20 * 1024);
    CHECK(run.overhead_mib == 8 * 1024);
    CHECK(run.adaptive == false);
    // Local mode: no executors, no memory set; the driver ran the tasks.
    RunLog local = read_event_log(kPlain);
    run = run_layout(analyze(local), local);
    CHECK(run.executors == 1);
    CHECK(!run.heap_mib);
  }

  TEST_CASE("findings carry an SF6xxx id, a severity, a message, why and fix") {
    Profile p = analyze_with_rules(kRapids + "/spark-events-qualification/multiple_attempts/attempt_1_eventlog.zstd");
    REQUIRE_FALSE(p.findings.empty());
    for (const rules::Finding& f : p.findings) {
      CHECK(f.id.rfind("SF6", 0) == 0);
      CHECK(f.severity == rules::Severity::warning);
      CHECK_FALSE(f.message.empty());
      CHECK_FALSE(f.why.empty());
      CHECK_FALSE(f.fix.empty());
    }
  }

  TEST_CASE("the eventlog rule files name only facts the profile supplies") {
    std::vector<rules::Rule> loaded = rules::load_rules(kSourceDir + "/rules/eventlog", &eventlog::fact_names());
    REQUIRE(loaded.size() == 5);
    CHECK(loaded[1].condition_text == "eventlog.gc_share > 0.10");
    CHECK(loaded[2].each == "stage");
  }

  TEST_CASE("analyze's findings are the rule files' words: the same why as the rule's page") {
    Profile p = analyze_with_rules(kRapids + "/spark-events-qualification/multiple_attempts/attempt_1_eventlog.zstd");
    REQUIRE_FALSE(p.findings.empty());
    for (const rules::Finding& f : p.findings) {
      const rules::Rule* rule = nullptr;
      for (const rules::Rule& r : eventlog_rules())
        if (r.id == f.id) rule = &r;
      REQUIRE(rule != nullptr);
      CHECK(rule->rationale.rfind(f.why.substr(0, f.why.size() - 1), 0) == 0);
      CHECK(f.name == rule->name);
    }
  }

  TEST_CASE("a run's job plans its work and keeps the run's layout only as the observation's context") {
    const std::string path = kLogs + "/sparklens/local-1532512550423";
    const job::JobSpec job = job_from_event_log(path);
    CHECK(job.source_file == path + " (derived job spec)");
    CHECK(job.input.size_bytes > 0);
    REQUIRE(job.observed_layout.has_value());
    CHECK(job.observed_layout->executor_cores.has_value());
    CHECK(!job.layout.executor_cores.has_value());
    CHECK(!job.layout.num_executors.has_value());
  }

  TEST_CASE("a log without Spark events is refused with the lines read, one with events is not") {
    RunLog log;
    log.path = "notes.txt";
    log.lines = 3;
    CHECK(error_of([&] { require_events(log); }) ==
          "notes.txt: no Spark events in it (3 lines read); expected a Spark event log (JSON lines with \"Event\" "
          "fields)");
    log.events = 1;
    CHECK(error_of([&] { require_events(log); }) == "(no error)");
  }
}  // TEST_SUITE
