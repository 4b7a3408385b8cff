spark-submit --conf "unterminated
