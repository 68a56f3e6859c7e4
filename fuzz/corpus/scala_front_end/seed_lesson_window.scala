// 数据源的粗粒度 : 1s 来自于 StreamContext
val resource: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)
val format: DStream[(String, Int)] = resource.map(_.split(" ")).map(x => (x(0), 1))
// 调优 :
val res: DStream[(String, Int)] = format.reduceByKeyAndWindow(
  // 计算新进入的 batch 的数据
  (ov: Int, nv: Int) => {
    println("被调起...")
    ov + nv
  },
  // 挤出去的 batch 的数据
  (ov: Int, oov: Int) => {
    ov - oov
  },
  Duration(5000), Duration(1000))
res.print()
