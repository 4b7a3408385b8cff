// Spark configuration keys that matter for sizing and tuning, with their types and defaults.
//
// Sources (defaults as documented for Apache Spark 3.5, checked against the 3.5 line):
//   https://spark.apache.org/docs/3.5.1/configuration.html
//   https://spark.apache.org/docs/3.5.1/running-on-yarn.html
//   https://spark.apache.org/docs/3.5.1/running-on-kubernetes.html
//   https://spark.apache.org/docs/3.5.1/sql-performance-tuning.html
//   https://docs.aws.amazon.com/emr/latest/ReleaseGuide/emr-spark-configure.html (EMR keys)
//   https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/jobs-spark.html (EMR Serverless)
// The bare unit of a size is the ByteUnit of the key's bytesConf in Spark's source: memory
// settings read a bare number as MiB, buffers as KiB, file and partition sizes as bytes.
// A default of "" means Spark computes it or leaves it unset.
#include <algorithm>
#include <array>

#include "sparkfit/spark_conf/spark_conf.hpp"

namespace sparkfit::spark_conf {
namespace {

constexpr std::int64_t B = 1;
constexpr std::int64_t K = 1024;
constexpr std::int64_t M = 1024 * 1024;

constexpr KnownKey size(std::string_view name, std::int64_t bare, std::string_view def, std::string_view note = "") {
  return KnownKey{name, KeyType::size, bare, "", def, note};
}
constexpr KnownKey flag(std::string_view name, std::string_view def, std::string_view note = "") {
  return KnownKey{name, KeyType::boolean, 0, "", def, note};
}
constexpr KnownKey integer(std::string_view name, std::string_view def, std::string_view note = "") {
  return KnownKey{name, KeyType::integer, 0, "", def, note};
}
constexpr KnownKey number(std::string_view name, std::string_view def, std::string_view note = "") {
  return KnownKey{name, KeyType::number, 0, "", def, note};
}
constexpr KnownKey duration(std::string_view name, std::string_view bare, std::string_view def,
                            std::string_view note = "") {
  return KnownKey{name, KeyType::duration, 0, bare, def, note};
}
constexpr KnownKey str(std::string_view name, std::string_view def, std::string_view note = "") {
  return KnownKey{name, KeyType::string, 0, "", def, note};
}

constexpr std::array kKeys = {
    // Application
    str("spark.app.name", ""),
    str("spark.master", ""),
    str("spark.submit.deployMode", "client"),
    str("spark.submit.pyFiles", ""),
    str("spark.jars", ""),
    str("spark.jars.packages", ""),
    str("spark.jars.excludes", ""),
    str("spark.jars.repositories", ""),
    str("spark.files", ""),
    str("spark.archives", ""),
    str("spark.local.dir", "/tmp"),
    str("spark.kerberos.principal", ""),
    str("spark.kerberos.keytab", ""),
    integer("spark.cores.max", "", "standalone and Mesos only"),
    // Driver
    size("spark.driver.memory", M, "1g"),
    size("spark.driver.memoryOverhead", M, "", "driver memory x overhead factor, at least 384 MiB"),
    number("spark.driver.memoryOverheadFactor", "0.10", "0.40 for non-JVM jobs on Kubernetes"),
    integer("spark.driver.cores", "1", "cluster mode only"),
    size("spark.driver.maxResultSize", B, "1g"),
    str("spark.driver.extraJavaOptions", ""),
    str("spark.driver.defaultJavaOptions", ""),
    str("spark.driver.extraClassPath", ""),
    str("spark.driver.extraLibraryPath", ""),
    str("spark.driver.host", ""),
    integer("spark.driver.port", ""),
    str("spark.driver.bindAddress", ""),
    flag("spark.driver.supervise", "false"),
    flag("spark.driver.userClassPathFirst", "false"),
    // Executors
    size("spark.executor.memory", M, "1g"),
    size("spark.executor.memoryOverhead", M, "", "executor memory x overhead factor, at least 384 MiB"),
    number("spark.executor.memoryOverheadFactor", "0.10", "0.40 for non-JVM jobs on Kubernetes; since 3.3"),
    size("spark.executor.pyspark.memory", M, ""),
    integer("spark.executor.cores", "1", "1 on YARN, all the worker's cores in standalone mode"),
    integer("spark.executor.instances", "2", "static allocation"),
    str("spark.executor.extraJavaOptions", ""),
    str("spark.executor.defaultJavaOptions", ""),
    str("spark.executor.extraClassPath", ""),
    str("spark.executor.extraLibraryPath", ""),
    duration("spark.executor.heartbeatInterval", "ms", "10s"),
    flag("spark.executor.userClassPathFirst", "false"),
    flag("spark.executor.processTreeMetrics.enabled", "false"),
    // Memory management
    number("spark.memory.fraction", "0.6"),
    number("spark.memory.storageFraction", "0.5"),
    flag("spark.memory.offHeap.enabled", "false"),
    size("spark.memory.offHeap.size", B, "0"),
    // Execution
    integer("spark.default.parallelism", "", "total executor cores (at least 2) on YARN"),
    integer("spark.task.cpus", "1"),
    integer("spark.task.maxFailures", "4"),
    size("spark.files.maxPartitionBytes", B, "128m"),
    size("spark.files.openCostInBytes", B, "4m"),
    size("spark.broadcast.blockSize", K, "4m"),
    flag("spark.broadcast.compress", "true"),
    flag("spark.rdd.compress", "false"),
    flag("spark.checkpoint.compress", "false"),
    str("spark.io.compression.codec", "lz4"),
    size("spark.io.compression.lz4.blockSize", B, "32k"),
    size("spark.io.compression.snappy.blockSize", B, "32k"),
    integer("spark.io.compression.zstd.level", "1"),
    size("spark.io.compression.zstd.bufferSize", B, "32k"),
    duration("spark.cleaner.periodicGC.interval", "s", "30min"),
    flag("spark.cleaner.referenceTracking", "true"),
    // Serialization
    str("spark.serializer", "org.apache.spark.serializer.JavaSerializer"),
    size("spark.kryoserializer.buffer", K, "64k"),
    size("spark.kryoserializer.buffer.max", M, "64m"),
    flag("spark.kryo.registrationRequired", "false"),
    str("spark.kryo.classesToRegister", ""),
    str("spark.kryo.registrator", ""),
    flag("spark.kryo.referenceTracking", "true"),
    flag("spark.kryo.unsafe", "false"),
    // Scheduling
    str("spark.scheduler.mode", "FIFO"),
    duration("spark.scheduler.maxRegisteredResourcesWaitingTime", "ms", "30s"),
    number("spark.scheduler.minRegisteredResourcesRatio", "", "0.8 on YARN and Kubernetes"),
    duration("spark.locality.wait", "ms", "3s"),
    duration("spark.locality.wait.node", "ms", "", "spark.locality.wait"),
    duration("spark.locality.wait.process", "ms", "", "spark.locality.wait"),
    duration("spark.locality.wait.rack", "ms", "", "spark.locality.wait"),
    flag("spark.speculation", "false"),
    duration("spark.speculation.interval", "ms", "100ms"),
    number("spark.speculation.multiplier", "1.5"),
    number("spark.speculation.quantile", "0.75"),
    duration("spark.speculation.minTaskRuntime", "ms", "100ms"),
    duration("spark.speculation.task.duration.threshold", "ms", ""),
    flag("spark.speculation.efficiency.enabled", "true"),
    flag("spark.excludeOnFailure.enabled", "false"),
    // Networking
    duration("spark.network.timeout", "s", "120s"),
    duration("spark.network.timeoutInterval", "ms", "60s"),
    duration("spark.rpc.askTimeout", "s", "", "spark.network.timeout"),
    duration("spark.rpc.lookupTimeout", "s", "120s"),
    integer("spark.rpc.message.maxSize", "128", "in MiB"),
    integer("spark.rpc.io.serverThreads", ""),
    integer("spark.port.maxRetries", "16"),
    integer("spark.blockManager.port", ""),
    // Shuffle
    flag("spark.shuffle.service.enabled", "false", "true on EMR"),
    integer("spark.shuffle.service.port", "7337"),
    flag("spark.shuffle.compress", "true"),
    flag("spark.shuffle.spill.compress", "true"),
    size("spark.shuffle.file.buffer", K, "32k"),
    size("spark.shuffle.unsafe.file.output.buffer", K, "32k"),
    integer("spark.shuffle.io.maxRetries", "3"),
    duration("spark.shuffle.io.retryWait", "s", "5s"),
    integer("spark.shuffle.io.numConnectionsPerPeer", "1"),
    flag("spark.shuffle.io.preferDirectBufs", "true"),
    integer("spark.shuffle.sort.bypassMergeThreshold", "200"),
    size("spark.shuffle.accurateBlockThreshold", B, "100m"),
    duration("spark.shuffle.registration.timeout", "ms", "5000"),
    flag("spark.shuffle.checksum.enabled", "true"),
    flag("spark.shuffle.detectCorrupt", "true"),
    flag("spark.shuffle.push.enabled", "false"),
    flag("spark.shuffle.useOldFetchProtocol", "false"),
    str("spark.shuffle.manager", "sort"),
    size("spark.reducer.maxSizeInFlight", M, "48m"),
    integer("spark.reducer.maxReqsInFlight", "2147483647"),
    integer("spark.reducer.maxBlocksInFlightPerAddress", "2147483647"),
    // Dynamic allocation
    flag("spark.dynamicAllocation.enabled", "false", "true on EMR and EMR Serverless"),
    integer("spark.dynamicAllocation.minExecutors", "0"),
    integer("spark.dynamicAllocation.maxExecutors", "infinity"),
    integer("spark.dynamicAllocation.initialExecutors", "", "spark.dynamicAllocation.minExecutors"),
    duration("spark.dynamicAllocation.executorIdleTimeout", "s", "60s"),
    duration("spark.dynamicAllocation.cachedExecutorIdleTimeout", "s", "infinity"),
    duration("spark.dynamicAllocation.schedulerBacklogTimeout", "s", "1s"),
    duration("spark.dynamicAllocation.sustainedSchedulerBacklogTimeout", "s", "",
             "spark.dynamicAllocation.schedulerBacklogTimeout"),
    number("spark.dynamicAllocation.executorAllocationRatio", "1"),
    flag("spark.dynamicAllocation.shuffleTracking.enabled", "true", "false before Spark 3.4"),
    duration("spark.dynamicAllocation.shuffleTracking.timeout", "ms", "infinity"),
    flag("spark.decommission.enabled", "false"),
    // Event log and UI
    flag("spark.eventLog.enabled", "false", "true on EMR"),
    str("spark.eventLog.dir", "file:///tmp/spark-events"),
    flag("spark.eventLog.compress", "false"),
    str("spark.eventLog.compression.codec", "zstd"),
    flag("spark.eventLog.rolling.enabled", "false"),
    size("spark.eventLog.rolling.maxFileSize", B, "128m"),
    size("spark.eventLog.buffer.kb", K, "100k"),
    flag("spark.eventLog.logStageExecutorMetrics", "false"),
    flag("spark.ui.enabled", "true"),
    integer("spark.ui.port", "4040"),
    // Python
    str("spark.pyspark.python", ""),
    str("spark.pyspark.driver.python", ""),
    size("spark.python.worker.memory", M, "512m"),
    flag("spark.python.worker.reuse", "true"),
    // SQL
    integer("spark.sql.shuffle.partitions", "200"),
    flag("spark.sql.adaptive.enabled", "true", "false before Spark 3.2"),
    flag("spark.sql.adaptive.coalescePartitions.enabled", "true"),
    flag("spark.sql.adaptive.coalescePartitions.parallelismFirst", "true"),
    size("spark.sql.adaptive.coalescePartitions.minPartitionSize", B, "1m"),
    integer("spark.sql.adaptive.coalescePartitions.initialPartitionNum", "", "spark.sql.shuffle.partitions"),
    size("spark.sql.adaptive.advisoryPartitionSizeInBytes", B, "64m"),
    flag("spark.sql.adaptive.localShuffleReader.enabled", "true"),
    flag("spark.sql.adaptive.skewJoin.enabled", "true"),
    number("spark.sql.adaptive.skewJoin.skewedPartitionFactor", "5.0"),
    size("spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", B, "256m"),
    size("spark.sql.adaptive.autoBroadcastJoinThreshold", B, "", "spark.sql.autoBroadcastJoinThreshold"),
    size("spark.sql.adaptive.maxShuffledHashJoinLocalMapThreshold", B, "0"),
    flag("spark.sql.adaptive.optimizeSkewsInRebalancePartitions.enabled", "true"),
    flag("spark.sql.adaptive.forceOptimizeSkewedJoin", "false"),
    size("spark.sql.autoBroadcastJoinThreshold", B, "10m"),
    duration("spark.sql.broadcastTimeout", "s", "300"),
    size("spark.sql.files.maxPartitionBytes", B, "128m"),
    size("spark.sql.files.openCostInBytes", B, "4m"),
    integer("spark.sql.files.minPartitionNum", "", "spark.default.parallelism"),
    integer("spark.sql.files.maxPartitionNum", ""),
    integer("spark.sql.files.maxRecordsPerFile", "0"),
    flag("spark.sql.files.ignoreCorruptFiles", "false"),
    flag("spark.sql.files.ignoreMissingFiles", "false"),
    str("spark.sql.sources.default", "parquet"),
    str("spark.sql.sources.partitionOverwriteMode", "static"),
    flag("spark.sql.sources.bucketing.enabled", "true"),
    str("spark.sql.parquet.compression.codec", "snappy"),
    flag("spark.sql.parquet.filterPushdown", "true"),
    flag("spark.sql.parquet.mergeSchema", "false"),
    flag("spark.sql.parquet.enableVectorizedReader", "true"),
    str("spark.sql.orc.compression.codec", "snappy"),
    flag("spark.sql.orc.filterPushdown", "true"),
    integer("spark.sql.inMemoryColumnarStorage.batchSize", "10000"),
    flag("spark.sql.inMemoryColumnarStorage.compressed", "true"),
    flag("spark.sql.codegen.wholeStage", "true"),
    flag("spark.sql.cbo.enabled", "false"),
    flag("spark.sql.execution.arrow.pyspark.enabled", "false"),
    flag("spark.sql.execution.arrow.pyspark.fallback.enabled", "true"),
    integer("spark.sql.execution.arrow.maxRecordsPerBatch", "10000"),
    str("spark.sql.session.timeZone", "", "the JVM's time zone"),
    str("spark.sql.warehouse.dir", ""),
    str("spark.sql.catalogImplementation", "in-memory", "hive when built with Hive support"),
    str("spark.sql.extensions", ""),
    str("spark.sql.legacy.timeParserPolicy", "EXCEPTION"),
    integer("spark.sql.debug.maxToStringFields", "25"),
    // YARN
    str("spark.yarn.queue", "default"),
    size("spark.yarn.am.memory", M, "512m"),
    size("spark.yarn.am.memoryOverhead", M, "", "AM memory x 0.10, at least 384 MiB"),
    integer("spark.yarn.am.cores", "1"),
    str("spark.yarn.am.extraJavaOptions", ""),
    duration("spark.yarn.am.waitTime", "ms", "100s"),
    integer("spark.yarn.maxAppAttempts", "", "yarn.resourcemanager.am.max-attempts"),
    integer("spark.yarn.max.executor.failures", "", "2 x executors, at least 3"),
    duration("spark.yarn.executor.failuresValidityInterval", "ms", ""),
    flag("spark.yarn.submit.waitAppCompletion", "true"),
    str("spark.yarn.jars", ""),
    str("spark.yarn.archive", ""),
    str("spark.yarn.dist.files", ""),
    str("spark.yarn.dist.archives", ""),
    str("spark.yarn.dist.jars", ""),
    str("spark.yarn.tags", ""),
    str("spark.yarn.stagingDir", ""),
    integer("spark.yarn.priority", ""),
    size("spark.yarn.executor.memoryOverhead", M, "", "deprecated: spark.executor.memoryOverhead"),
    size("spark.yarn.driver.memoryOverhead", M, "", "deprecated: spark.driver.memoryOverhead"),
    number("spark.yarn.executor.memoryOverheadFactor", "0.1875",
           "EMR 5.22+ (Amazon EMR's setting; Apache Spark uses spark.executor.memoryOverheadFactor)"),
    flag("spark.yarn.heterogeneousExecutors.enabled", "true", "EMR 5.32+ / 6.2+"),
    // Kubernetes
    str("spark.kubernetes.namespace", "default"),
    str("spark.kubernetes.container.image", ""),
    str("spark.kubernetes.driver.container.image", "", "spark.kubernetes.container.image"),
    str("spark.kubernetes.executor.container.image", "", "spark.kubernetes.container.image"),
    str("spark.kubernetes.container.image.pullPolicy", "IfNotPresent"),
    str("spark.kubernetes.authenticate.driver.serviceAccountName", ""),
    str("spark.kubernetes.driver.request.cores", ""),
    str("spark.kubernetes.driver.limit.cores", ""),
    str("spark.kubernetes.executor.request.cores", ""),
    str("spark.kubernetes.executor.limit.cores", ""),
    number("spark.kubernetes.memoryOverheadFactor", "0.1", "deprecated since 3.3: spark.executor.memoryOverheadFactor"),
    str("spark.kubernetes.driver.podTemplateFile", ""),
    str("spark.kubernetes.executor.podTemplateFile", ""),
    integer("spark.kubernetes.allocation.batch.size", "5"),
    flag("spark.kubernetes.executor.deleteOnTermination", "true"),
    str("spark.kubernetes.file.upload.path", ""),
    // EMR Serverless
    str("spark.emr-serverless.driver.disk", "20G"),
    str("spark.emr-serverless.executor.disk", "20G"),
    str("spark.emr-serverless.driver.disk.type", "standard"),
    str("spark.emr-serverless.executor.disk.type", "standard"),
    number("spark.emr-serverless.memoryOverheadFactor", "0.1"),
    integer("spark.emr-serverless.allocation.batch.size", "20"),
};

constexpr std::array<std::string_view, 17> kFreeFormPrefixes = {
    "spark.hadoop.",
    "spark.executorEnv.",
    "spark.yarn.appMasterEnv.",
    "spark.sql.catalog.",
    "spark.executor.resource.",
    "spark.driver.resource.",
    "spark.metrics.conf.",
    "spark.kubernetes.driver.label.",
    "spark.kubernetes.executor.label.",
    "spark.kubernetes.driver.annotation.",
    "spark.kubernetes.executor.annotation.",
    "spark.kubernetes.driverEnv.",
    "spark.kubernetes.node.selector.",
    "spark.kubernetes.driver.secrets.",
    "spark.kubernetes.executor.secrets.",
    "spark.emr-serverless.driverEnv.",
    "spark.sql.hive.",
};

}  // namespace

std::string_view key_type_name(KeyType type) {
  switch (type) {
    case KeyType::size: return "size";
    case KeyType::boolean: return "boolean";
    case KeyType::integer: return "integer";
    case KeyType::number: return "number";
    case KeyType::duration: return "duration";
    case KeyType::string: return "string";
  }
  return "string";
}

const KnownKey* find_known_key(std::string_view name) {
  for (const KnownKey& key : kKeys)
    if (key.name == name) return &key;
  return nullptr;
}

bool is_free_form_key(std::string_view name) {
  for (std::string_view prefix : kFreeFormPrefixes)
    if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) return true;
  return false;
}

std::vector<std::string> known_key_names() {
  std::vector<std::string> names;
  names.reserve(kKeys.size());
  for (const KnownKey& key : kKeys) names.emplace_back(key.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace sparkfit::spark_conf
