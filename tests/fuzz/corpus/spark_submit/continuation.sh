spark-submit \
  --executor-memory 4g \
  --conf 'spark.y=it'"'"'s' \
  app.jar
