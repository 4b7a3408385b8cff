#!/bin/bash
# The classic over-sized layout: 6 nodes x 16 cores x 64 GiB.
spark-submit \
  --master yarn --deploy-mode cluster \
  --class com.example.Orders \
  --conf spark.executor.memory=8g \
  --num-executors 6 --executor-cores 15 --executor-memory 63G \
  --conf "spark.sql.shuffle.partitions=200" \
  --conf 'spark.executor.extraJavaOptions=-XX:+UseG1GC -XX:+PrintGCDetails' \
  s3://bucket/jobs/orders.jar \
  --input s3://bucket/in --conf not.a.spark=setting
