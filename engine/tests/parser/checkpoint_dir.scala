sc.setCheckpointDir("D:\\ideaProject\\bigdata\\bigdata-spark")
