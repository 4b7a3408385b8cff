// The facts of an EMR Serverless job review (serverless.*, the serverless-worker collection, plus
// the executor facts the settings give by themselves), kept apart from facts.cpp because Serverless
// runs each executor and the driver on a worker of its own, sized from their settings within the
// worker sizes EMR Serverless offers (instance_catalogs/aws/emr_serverless.yaml).
#pragma once

#include <vector>

#include "sparkfit/review/review.hpp"

namespace sparkfit::review {

// EMR Serverless's own Spark defaults as settings of the lowest precedence, from the catalog
// (docs/domain.md#emr-serverless-spark-defaults): executors and driver 4 cores / 14G, 20G of disk
// each, dynamic allocation on; shuffle tracking on, an assumption AWS does not state.
std::vector<spark_conf::Setting> serverless_defaults(const catalog::ServerlessFacts& serverless);

// Adds platform emr-serverless, the worker facts of the executors and of the driver, and the
// executor facts. Needs input.serverless_catalog.
void add_serverless_facts(const Input& input, FactSet& result);

}  // namespace sparkfit::review
