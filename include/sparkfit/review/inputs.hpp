// Filling review::Input from the parsed documents a review reads (spark-submit, spark-defaults,
// EMR configurations and cluster descriptions, a Glue job, a SparkApplication): which document
// contributes which settings, and what EMR's classifications change about the cluster.
#pragma once

#include <optional>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/review/review.hpp"

namespace sparkfit::review {

// EMR's capacity-scheduler classification may switch YARN to the DominantResourceCalculator.
std::optional<job::ResourceCalculator> calculator_in(const std::vector<spark_conf::Classification>& classifications);

// An EMR configurations list: its spark-defaults and yarn-site settings, maximizeResourceAllocation,
// and the capacity scheduler's calculator (into `calculator`, when it names one).
void add_emr_config(Input& input, const spark_conf::EmrConfig& config,
                    std::optional<job::ResourceCalculator>& calculator);

// A spark-submit command: its settings, and its application, where findings about unset settings point.
void add_submit(Input& input, const spark_conf::SubmitCommand& command);

// A Glue job is reviewed on its own: its --conf settings only, and the Spark its Glue version runs.
void add_glue_job(Input& input, spark_conf::GlueJob job, const catalog::GlueFacts& glue);

// A SparkApplication is reviewed on its own: the operator's defaults, then every setting the
// application makes, which outranks them.
void add_k8s_app(Input& input, spark_conf::SparkApplication app);

// yarn-site settings in the EMR configurations change what a node offers YARN.
void apply_yarn_site(platform::Cluster& cluster, const std::vector<spark_conf::Setting>& yarn_site);

}  // namespace sparkfit::review
