#include <cmath>

#include <doctest/doctest.h>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::emr_cluster;
using testing::job_of;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {

model::Prediction run(const job::JobSpec& job, const char* type, int nodes, int cores,
                      std::int64_t shuffle_partitions = 200, double price_factor = 1.0, std::int64_t heap_mib = 0) {
  platform::Cluster cluster = emr_cluster(type, nodes);
  layout::Choices choices;
  choices.executor_cores = cores;
  choices.overhead_factor = cluster.overhead_factor;
  choices.gc = cluster.gc;
  choices.heap_mib = heap_mib;
  layout::Layout layout = layout::compute(cluster.node, nodes, choices);
  model::Settings settings;
  settings.shuffle_partitions = shuffle_partitions;
  settings.price_factor = price_factor;
  return model::predict(model::plan_job(job, shipped_constants()), cluster, layout, settings, shipped_constants());
}
}  // namespace

TEST_SUITE("model") {
  TEST_CASE("more data never takes less time") {
    for (job::Workload workload :
         {job::Workload::etl, job::Workload::join, job::Workload::sort, job::Workload::aggregation,
          job::Workload::iterative_ml, job::Workload::graph, job::Workload::sql_analytics}) {
      double previous = 0;
      for (const char* size : {"10GB", "50GB", "200GB", "500GB", "1TB"}) {
        model::Prediction p = run(job_of(size, workload), "m5.4xlarge", 10, 5);
        INFO(job::to_string(workload) << " " << size);
        CHECK(p.runtime_s >= previous);
        previous = p.runtime_s;
      }
    }
  }

  TEST_CASE("a more expensive identical node never costs less") {
    job::JobSpec job = job_of("500GB", job::Workload::join);
    model::Prediction cheap = run(job, "r5.4xlarge", 10, 5, 200, 1.0);
    model::Prediction dear = run(job, "r5.4xlarge", 10, 5, 200, 1.2);
    CHECK(dear.runtime_s == cheap.runtime_s);
    CHECK(dear.cost_usd > cheap.cost_usd);
  }

  TEST_CASE("billing is per second with a one-minute minimum, EC2 plus the EMR fee plus the primary node") {
    job::JobSpec job = job_of("1GB", job::Workload::etl);
    model::Prediction p = run(job, "m5.xlarge", 2, 3);
    CHECK(p.node_usd_per_hour == doctest::Approx(0.192 + 0.048));
    CHECK(p.primary_usd_per_hour == doctest::Approx(0.192 + 0.048));
    double billed = std::max(60.0, p.runtime_s);
    CHECK(p.cost_usd == doctest::Approx(billed / 3600 * 3 * 0.24));
  }

  TEST_CASE("spill appears when memory per task falls below the working set") {
    job::JobSpec job = job_of("500GB", job::Workload::sort);
    // Few partitions: multi-GiB tasks overflow execution memory; many partitions fit.
    CHECK((run(job, "m5.4xlarge", 10, 5, 200).risks & model::risk_spill) != 0);
    CHECK((run(job, "m5.4xlarge", 10, 5, 8000).risks & model::risk_spill) == 0);
    // The same 8 GiB heap and partitions with more cores per executor: less memory per task, more spill.
    double spill_2 = run(job, "m5.4xlarge", 10, 2, 1000, 1.0, 8192).stages[1].spill_bytes;
    double spill_8 = run(job, "m5.4xlarge", 10, 8, 1000, 1.0, 8192).stages[1].spill_bytes;
    CHECK(spill_8 > spill_2);
  }

  TEST_CASE("200 shuffle partitions on 2 TB of shuffle spill, and a tuned count does not") {
    job::JobSpec job = job_of("2TB", job::Workload::join);
    model::Prediction fixed = run(job, "r5.4xlarge", 20, 5, 200);
    CHECK((fixed.risks & model::risk_spill) != 0);
    CHECK(fixed.stages[1].bytes_per_task > 10.0 * units::kGiB);
    model::Prediction tuned = run(job, "r5.4xlarge", 20, 5, 16384);
    CHECK((tuned.risks & model::risk_spill) == 0);
    CHECK(tuned.runtime_s < fixed.runtime_s);
  }

  TEST_CASE("the explain exercise: 2000 tasks on 10 slots run in 200 waves") {
    job::JobSpec job = job_of("500GB", job::Workload::etl);
    job::Stage stage;
    stage.kind = "scan";
    job.stages.push_back(stage);
    job.input.files = 2000;
    job.input.file_format = job::FileFormat::csv;
    job.input.compression = "gzip";  // unsplittable: one task per 256 MiB file
    const catalog::InstanceType* instance = shipped_catalog().find("m5.xlarge");
    platform::Cluster cluster = platform::cluster_for_instance(platform::Platform::ec2, *instance, 6, nullptr);
    layout::Choices choices;
    choices.executor_cores = 2;
    choices.num_executors = 5;
    layout::Layout layout = layout::compute(cluster.node, 6, choices);
    REQUIRE(layout.task_slots == 10);
    model::Prediction p = model::predict(model::plan_job(job, shipped_constants()), cluster, layout, model::Settings{},
                                         shipped_constants());
    CHECK(p.stages[0].tasks == 2000);
    CHECK(p.stages[0].waves == 200);
    CHECK(p.stages[0].bytes_per_task == doctest::Approx(256.0 * units::kMiB));
  }

  TEST_CASE("a cluster whose disks cannot hold the shuffle is infeasible") {
    job::JobSpec job = job_of("20TB", job::Workload::sort);
    model::Prediction p = run(job, "m5.xlarge", 2, 3, 200000);
    CHECK(p.infeasible == model::Infeasible::disk_full);
  }

  TEST_CASE("an iterative job whose cache does not fit recomputes every iteration") {
    job::JobSpec job = job_of("2TB", job::Workload::iterative_ml);
    job.iterations = 10;
    model::Prediction small = run(job, "m5.xlarge", 4, 3);
    model::Prediction large = run(job, "r5.4xlarge", 40, 5);
    CHECK((small.risks & model::risk_cache_miss) != 0);
    CHECK(large.cache_fit > small.cache_fit);
  }

  TEST_CASE("AQE keeps shuffle partitions at most as set, and coalesces toward default parallelism") {
    model::Settings settings;
    CHECK(model::shuffle_tasks(2.0 * units::kTiB, 200, 100, settings) == 200);
    CHECK(model::shuffle_tasks(100.0 * units::kMiB, 200, 16, settings) == 16);
    settings.aqe = false;
    CHECK(model::shuffle_tasks(100.0 * units::kMiB, 200, 16, settings) == 200);
  }
}

TEST_SUITE("calibration") {
  model::CalibrationPoint point_of(const model::Prediction& p, int nodes, double measured_s,
                                   platform::Platform platform = platform::Platform::emr) {
    return {p.runtime_s, nodes, measured_s, p.runtime_features, platform};
  }

  TEST_CASE("one observation moves the level alone and narrows the interval") {
    const model::RuntimeFit& fit = shipped_constants().runtime_fit;
    model::Prediction raw = run(job_of("500GB", job::Workload::join), "r5.4xlarge", 10, 5);
    model::Calibration c = model::calibrate({point_of(raw, 10, 2 * raw.runtime_s)}, fit);
    REQUIRE(c.active);
    const model::RuntimeBelief& posterior = c.belief(platform::Platform::emr);
    for (std::size_t f = 0; f < model::feature_count; ++f) {
      INFO("feature " << f);
      if (f == model::f_level)
        CHECK(posterior.mean[f] > fit.mean[f]);
      else
        CHECK(posterior.mean[f] == fit.mean[f]);
    }
    CHECK(posterior.covariance[model::f_log_slots][model::f_log_slots] ==
          fit.covariance[model::f_log_slots][model::f_log_slots]);
    const model::RuntimeEstimate before = model::estimate(shipped_constants().prior, raw.runtime_features);
    const model::RuntimeEstimate after = model::estimate(posterior, raw.runtime_features);
    CHECK(after.log_sd < before.log_sd);
    CHECK(after.median_s() == doctest::Approx(2 * raw.runtime_s).epsilon(0.05));
    CHECK(c.rms_relative_error < c.uncalibrated_rms_relative_error);
  }

  TEST_CASE("several observations on one platform fit the slope too and lower the error") {
    const model::RuntimeFit& fit = shipped_constants().runtime_fit;
    job::JobSpec job = job_of("500GB", job::Workload::join);
    // Measured runs that scale worse than the prior expects: twice the nodes, 20% less time.
    std::vector<model::CalibrationPoint> points;
    model::Prediction first = run(job, "r5.4xlarge", 4, 5);
    for (int nodes : {4, 8, 16, 32})
      points.push_back(point_of(run(job, "r5.4xlarge", nodes, 5), nodes, 3000 * std::pow(0.8, std::log2(nodes / 4.0))));
    model::Calibration c = model::calibrate(points, fit);
    REQUIRE(c.active);
    const model::RuntimeBelief& posterior = c.belief(platform::Platform::emr);
    CHECK(posterior.mean[model::f_log_slots] != fit.mean[model::f_log_slots]);
    CHECK(c.rms_relative_error < 0.2);
    CHECK(c.uncalibrated_rms_relative_error > c.rms_relative_error);
    CHECK(model::estimate(posterior, first.runtime_features).median_s() == doctest::Approx(3000).epsilon(0.25));
    CHECK(c.extrapolation(64) == doctest::Approx(1.0));
    CHECK(c.extrapolation(8) == 0);
  }

  TEST_CASE("an observation on another platform counts with the added uncertainty") {
    const model::RuntimeFit& fit = shipped_constants().runtime_fit;
    model::Prediction raw = run(job_of("500GB", job::Workload::join), "r5.4xlarge", 10, 5);
    model::Calibration c = model::calibrate({point_of(raw, 10, 3 * raw.runtime_s, platform::Platform::glue)}, fit);
    const model::RuntimeEstimate on_glue = model::estimate(c.belief(platform::Platform::glue), raw.runtime_features);
    const model::RuntimeEstimate on_emr = model::estimate(c.belief(platform::Platform::emr), raw.runtime_features);
    CHECK(on_emr.log_sd > on_glue.log_sd);
    // It still informs: EMR moves towards the run, less far than Glue.
    const double prior_s = model::estimate(shipped_constants().prior, raw.runtime_features).median_s();
    CHECK(on_emr.median_s() > prior_s);
    CHECK(on_emr.median_s() < on_glue.median_s());
  }

  TEST_CASE("observations without a usable runtime leave the model uncalibrated") {
    const model::RuntimeFit& fit = shipped_constants().runtime_fit;
    CHECK(!model::calibrate({}, fit).active);
    CHECK(!model::calibrate({{0, 4, 100}}, fit).active);
  }

  TEST_CASE("a calibrated prediction reproduces the observed run") {
    job::JobSpec job = job_of("500GB", job::Workload::join);
    model::Prediction raw = run(job, "r5.4xlarge", 10, 5);
    model::Calibration c = testing::pinned_calibration(raw, 10, 1800, platform::Platform::emr);
    platform::Cluster cluster = emr_cluster("r5.4xlarge", 10);
    layout::Choices choices;
    choices.executor_cores = 5;
    choices.overhead_factor = cluster.overhead_factor;
    choices.gc = cluster.gc;
    model::Settings settings;
    settings.calibration = &c;
    model::Prediction p = model::predict(model::plan_job(job, shipped_constants()), cluster,
                                         layout::compute(cluster.node, 10, choices), settings, shipped_constants());
    CHECK(p.runtime_s == doctest::Approx(1800));
    CHECK(p.runtime_low_s == doctest::Approx(1800));
    CHECK(p.uncalibrated_runtime_s == doctest::Approx(raw.uncalibrated_runtime_s));
    CHECK(p.cost_usd == doctest::Approx(raw.cost_usd * 1800 / raw.runtime_s));
  }
}

TEST_SUITE("model") {
  TEST_CASE("spot task nodes cost less, while core nodes stay on demand and the EMR fee is unchanged") {
    job::JobSpec job = job_of("500GB", job::Workload::join);
    platform::Cluster cluster = emr_cluster("m5.4xlarge", 10);
    layout::Choices choices;
    choices.overhead_factor = cluster.overhead_factor;
    layout::Layout l = layout::compute(cluster.node, 10, choices);
    model::JobPlan plan = model::plan_job(job, shipped_constants());
    model::Settings on_demand;
    model::Settings spot;
    spot.market = job::Market::spot;
    spot.spot_discount = 0.6;
    model::Prediction a = model::predict(plan, cluster, l, on_demand, shipped_constants());
    model::Prediction b = model::predict(plan, cluster, l, spot, shipped_constants());
    CHECK(b.spot_nodes == 8);
    CHECK(b.task_node_usd_per_hour == doctest::Approx(0.768 * 0.4 + 0.192));
    double billed = std::max(60.0, a.runtime_s) / 3600;
    CHECK(b.cost_usd == doctest::Approx(billed * (2 * (0.768 + 0.192) + 8 * (0.768 * 0.4 + 0.192) + 0.96)));
    CHECK(b.cost_usd < a.cost_usd);
  }
}
