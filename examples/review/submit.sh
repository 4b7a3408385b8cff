#!/bin/bash
# A job as its team pastes it: EMR 7 (Java 17) cluster of 5 x m5.2xlarge.
spark-submit \
  --master yarn --deploy-mode cluster \
  --class com.example.Orders \
  --num-executors 10 --executor-cores 8 --executor-memory 20g \
  --conf spark.sql.shuffle.partition=800 \
  --conf "spark.executor.extraJavaOptions=-XX:+UseG1GC -XX:+PrintGCDetails -XX:+PrintGCDateStamps" \
  s3://bucket/jobs/orders.jar --date 2024-06-01
