val data: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)
val mapData: DStream[(String, Int)] = data.map(_.split(" ")).map(x => (x(0), 1))
//    mapData.reduceByKey(_ + _)
val res: DStream[(String, Int)] = mapData.updateStateByKey((nv: Seq[Int], ov: Option[Int]) => {
  // 每个批次的 Job 中, 对着 nv 求和
  val cnt: Int = nv.count(_ > 0)
  val oldVal: Int = ov.getOrElse(0)
  Some(cnt + oldVal)
})
