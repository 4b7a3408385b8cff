// libFuzzer target: the located JSON reader, the EMR configurations / cluster readers and the
// Glue job and EMR Serverless job run readers (all JSON the AWS CLI prints).
#include <cstddef>
#include <cstdint>
#include <string>

#include "sparkfit/review/serverless_job.hpp"
#include "sparkfit/spark_conf/spark_conf.hpp"
#include "sparkfit/util/json_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    sparkfit::json::parse(text, "fuzz.json");
  } catch (const sparkfit::InputError&) {
  }
  try {
    sparkfit::spark_conf::parse_emr_configurations(text, "fuzz.json");
  } catch (const sparkfit::InputError&) {
  }
  try {
    sparkfit::spark_conf::parse_emr_cluster(text, "fuzz.json");
  } catch (const sparkfit::InputError&) {
  }
  try {
    sparkfit::spark_conf::parse_glue_job(text, "fuzz.json");
  } catch (const sparkfit::InputError&) {
  }
  try {
    sparkfit::review::parse_serverless_job(text, "fuzz.json");
  } catch (const sparkfit::InputError&) {
  }
  return 0;
}
