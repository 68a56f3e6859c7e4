// 数据源的粗粒度 : 1s 来自于 StreamContext
val resource: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)
val format: DStream[(String, Int)] = resource.map(_.split(" ")).map(x => (x(0), 1))
val res: DStream[(String, Int)] = format.reduceByKeyAndWindow(
  (ov: Int, nv: Int) => {
    ov + nv
  }, Duration(5000), Duration(1000))
res.print()
