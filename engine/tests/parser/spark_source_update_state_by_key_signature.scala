// 第一次把这一个 key 的数据全拿过来, 放在内存中然后更新, 容易 OOM
updateStateByKey(updateFunc: (Seq[V], Option[S]) => Option[S])
