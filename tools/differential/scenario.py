"""What every generator writes: a whole program around a body of `main` (after `val lines`),
and the scenario file the oracle and `dstream replay` read."""
import json


def program(body, master='local[2]', batch='Seconds(1)', before=''):
    """The program: Spark's imports, `before` (classes) and `object P` whose `main` runs
    `body` on a socket stream `lines`, then starts the context."""
    return f'''import org.apache.spark.SparkConf
import org.apache.spark.streaming._
import org.apache.spark.HashPartitioner
import scala.collection.mutable
{before}
object P {{
  def main(args: Array[String]): Unit = {{
    val conf = new SparkConf().setMaster("{master}").setAppName("p")
    val ssc = new StreamingContext(conf, {batch})
    ssc.sparkContext.setLogLevel("ERROR")
    val lines = ssc.socketTextStream("localhost", 9999)
{body}    ssc.start()
    ssc.awaitTermination()
  }}
}}
'''


def write(d, name, text, batches, parts):
    """DIR/in/NAME.json: the scenario."""
    scenario = {"name": name, "program": text, "batches": batches, "input_partitions": parts}
    json.dump(scenario, open(f'{d}/in/{name}.json', 'w'), indent=1)
