val newDS: DStream[(String, Int)] = format.window(Duration(5000), Duration(5000))
