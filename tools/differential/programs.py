"""Hand-written programs as oracle scenarios: python3 programs.py DIR progs.py, where progs.py
defines PROGS = {name: (code before `object P`, body of main after `lines`)} and optionally
BATCHES, PARTS (input partitions), MASTER."""
import json, os, sys
d, src = sys.argv[1], sys.argv[2]
ns = {}
exec(open(src).read(), ns)
HDR = '''import org.apache.spark.SparkConf
import org.apache.spark.streaming._
import org.apache.spark.SparkContext._
import scala.collection.mutable

object P {
  def main(args: Array[String]): Unit = {
    val conf = new SparkConf().setMaster("MASTER").setAppName("p")
    val ssc = new StreamingContext(conf, Seconds(1))
    ssc.sparkContext.setLogLevel("ERROR")
    val lines = ssc.socketTextStream("localhost", 9999)
'''
TAIL = '''    ssc.start()
    ssc.awaitTermination()
  }
}
'''
batches = ns.get('BATCHES', [["hello world hello", "spark streaming spark spark"], ["hello spark", "a b c a"], ["x y", "z"]])
os.makedirs(d + '/in', exist_ok=True)
for name, (pre, body) in ns['PROGS'].items():
    prog = HDR.replace('MASTER', ns.get('MASTER', 'local[2]')).replace('object P', pre + '\nobject P') + body + TAIL
    json.dump({"name": name, "program": prog, "batches": batches, "input_partitions": ns.get('PARTS', 2)}, open(f'{d}/in/{name}.json', 'w'), indent=1)
print('wrote', len(ns['PROGS']))
