val data: ReceiverInputDStream[String] = ssc.socketTextStream("localhost", 8889)
val mapData: DStream[(String, Int)] = data.map(_.split(" ")).map(x => (x(0), 1))

mapData.mapWithState(StateSpec.function(
  (k: String, nv: Option[Int], ov: State[Int]) => {
    println(s"=====K: $k, NV: ${nv.getOrElse()}, OV: ${ov.getOption().getOrElse(0)}=====")
    // K, V
    (k, nv.getOrElse(0) + ov.getOption.getOrElse(0))
  }
))
