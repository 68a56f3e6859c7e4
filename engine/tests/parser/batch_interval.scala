// 最小粒度 约等于 : win大小为 1000, slide 滑动距离也是 1000
val ssc: StreamingContext = new StreamingContext(sc, Duration(1000))
