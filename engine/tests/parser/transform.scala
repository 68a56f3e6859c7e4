// 1.transform : 先转换成 RDD, 然后再进行操作
val res: DStream[(String, Int)] = format.transform( // 硬性要求 : 返回值是 RDD
  rdd => {
    rdd.foreach(println) // 产生 Job
    val rddRes: RDD[(String, Int)] = rdd.map(x => (x._1, x._2 * 10)) // 只是在转换
    rddRes
  }
)
