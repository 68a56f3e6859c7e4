// 2.foreachRDD : 直接对 RDD 进行操作, 末端处理
format.foreachRDD( // StreamingContext 有一个独立的线程执行 while(true), 在主线程的代码是放到执行线程去执行
  rdd => {
    rdd.foreach(print)
    // x...to Redis
    // to MySQL
    // call WebService
  }
)
