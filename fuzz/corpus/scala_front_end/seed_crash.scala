import org.apache.kafka.common.serialization.StringDeserializer
import org.apache.spark.SparkConf
import org.apache.spark.streaming.{Seconds, StreamingContext}
import org.apache.spark.streaming.kafka010._
import org.apache.spark.streaming.kafka010.LocationStrategies.PreferConsistent
import org.apache.spark.streaming.kafka010.ConsumerStrategies.Subscribe
object App {
  def createContext(): StreamingContext = {
    println("createContext")
    val conf = new SparkConf().setMaster("local[2]").setAppName("App")
    val ssc = new StreamingContext(conf, Seconds(1))
    ssc.checkpoint("/tmp/checkpoint")
    val kafkaParams = Map[String, Object](
      "bootstrap.servers" -> "localhost:9092",
      "key.deserializer" -> classOf[StringDeserializer],
      "value.deserializer" -> classOf[StringDeserializer],
      "group.id" -> "playground",
      "auto.offset.reset" -> "earliest",
      "enable.auto.commit" -> (false: java.lang.Boolean)
    )
    val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent,
      Subscribe[String, String](Array("words"), kafkaParams))
    stream.map(r => (r.value, 1)).updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum + s.getOrElse(0))).print()
    ssc
  }
  def main(args: Array[String]): Unit = {
    val ssc = StreamingContext.getOrCreate("/tmp/checkpoint", () => createContext())
    ssc.start()
    ssc.awaitTermination()
  }
}
