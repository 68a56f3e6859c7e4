val res: DStream[(String, Int)] = format.reduceByKeyAndWindow(_ + _, Duration(5000))
