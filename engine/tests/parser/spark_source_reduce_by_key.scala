def reduceByKey(func: (V, V) => V): RDD[(K, V)] = self.withScope {
  reduceByKey(defaultPartitioner(self), func)
}

def reduceByKey(partitioner: Partitioner, func: (V, V) => V): RDD[(K, V)] = self.withScope {
  // 如果这个 key 有第二个 value 才会调用我们给定的函数 func
  combineByKeyWithClassTag[V]((v: V) => v, func, func, partitioner)
}
