spark-submit --master yarn --deploy-mode cluster --conf "spark.a=b c" --conf=spark.x=1 -c k=v --num-executors=4 app.py arg1 "arg 2"
