var bc: Broadcast[List[Int]] = null
var jobNum = 0
println("Son of a bitch Syndra") // Application 级别
val res: DStream[(String, Int)] = format.transform(
  rdd => {
    // 每 Job 级别递增, 是在 ssc 的另一个 while(true) 线程中, Driver 端执行的
    jobNum += 1
    println(s"jobNum : $jobNum")
    if (jobNum <= 1) {
      bc = sc.broadcast((1 to 5).toList)
    } else {
      bc = sc.broadcast((6 to 15).toList)
    }
    // 无论多少次 Job 的运行都是相同的 bc, 只有 rdd 接受的函数, 才是 Executor 端的 才是 Task 端的
    rdd.filter(x => {
      bc.value.contains(x._2)
    })
  }
)
