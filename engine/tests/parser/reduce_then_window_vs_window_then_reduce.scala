val reduce: DStream[(String, Int)] = format.reduceByKey(_ + _) // 窗口是 1000, Slide 是 1000
val res: DStream[(String, Int)] = reduce.window(Duration(5000))

val win: DStream[(String, Int)] = format.window(Duration(5000)) // 先调整量
val res1: DStream[(String, Int)] = win.reduceByKey(_ + _) // 在基于上一步的量上整体发生计算
