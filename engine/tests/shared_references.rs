//! A mutable collection is one object whatever names it has, as on the JVM: `val b = a`, a
//! parameter given `a`, a field given `a`, all update the one buffer (see
//! `engine/src/scala/shared_ref.rs`). A task still works on its own copy of a driver's
//! buffer, as Spark's deserialised closure does; an `object`'s buffer is a static that tasks
//! and driver share in local mode. (Spark's own output for these programs is kept in
//! `spark_oracle/alias_names`, `alias_defs`, `alias_fields`, `alias_members`,
//! `alias_case_fields`, `alias_map_groups`, `alias_tasks`, `alias_in_tasks`,
//! `alias_map_buffers_tasks`, `alias_task_map`, `alias_elem_assign`.)

mod common;

use common::replay;

/// What `body` (statements of `main`, after `pre` at the top level) prints before the
/// context starts and in each batch of `batches`, or the error that stopped it.
fn printed(pre: &str, body: &str, batches: &[&[&str]]) -> Result<String, String> {
    let program = format!(
        "import scala.collection.mutable\nimport scala.collection.mutable.{{ArrayBuffer, ListBuffer}}\n\
         {pre}\nobject P {{\n  def main(args: Array[String]): Unit = {{\n\
         val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"t\")\n\
         val ssc = new StreamingContext(conf, Seconds(1))\n\
         val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
         {body}\n\
         lines.count().foreachRDD(_ => ())\n\
         ssc.start()\nssc.awaitTermination()\n  }}\n}}\n"
    );
    let t = replay(&program, batches);
    if let Some(e) = t.error {
        return Err(format!("{}: {}", e.class, e.message));
    }
    let mut out = t.stdout_before;
    for b in &t.batches {
        out.push_str(&b.stdout);
    }
    Ok(out)
}

#[test]
fn two_names_for_one_collection_see_each_others_updates() {
    let out = printed(
        "",
        "val a = ArrayBuffer(1)\nval b = a\nb += 2\nprintln(a + \" \" + (a eq b))\n\
         var c = a\nc.append(3)\nc = ArrayBuffer(0)\nc += 9\nprintln(a + \" \" + c)\n\
         val m = mutable.Map[String, Int]()\nval m2 = m\nm2(\"k\") = 1\nprintln(m)\n\
         val s = mutable.Set(1)\nval s2 = s\ns2 += 5\nprintln(s.toList.sorted)\n\
         val arr = Array(1, 2)\nval arr2 = arr\narr2(0) = 7\nprintln(arr.toList)\n\
         val lb = ListBuffer(\"x\")\nval lb2 = lb\nlb2.prepend(\"w\")\nprintln(lb)",
        &[],
    );
    // Reassigning `c` binds the name to a new buffer; `a` keeps the old one.
    assert_eq!(
        out.unwrap(),
        "ArrayBuffer(1, 2) true\nArrayBuffer(1, 2, 3) ArrayBuffer(0, 9)\nHashMap(k -> 1)\n\
         List(1, 5)\nList(7, 2)\nListBuffer(w, x)\n"
    );
}

#[test]
fn a_function_updates_the_collection_its_caller_gives_it() {
    let pre = "object Helper { def addTo(b: mutable.ArrayBuffer[Int], x: Int): Unit = b += x }\n\
               class Reg(val seen: mutable.Set[String])";
    let out = printed(
        pre,
        "def add(x: ArrayBuffer[Int]): Unit = x += 9\nval a = ArrayBuffer(1)\nadd(a)\n\
         def fill(m: mutable.Map[String, Int], k: String): Unit = m(k) = m.getOrElse(k, 0) + 1\n\
         val counts = mutable.Map[String, Int]()\nfill(counts, \"x\"); fill(counts, \"x\")\n\
         def addTo(s: mutable.Set[Int]) = s += 3\nval s = mutable.Set(1)\n\
         println(a + \" \" + counts + \" \" + addTo(s).toList.sorted + \" \" + s.toList.sorted)\n\
         Helper.addTo(a, 4)\nval f = (b: ArrayBuffer[Int]) => b.remove(0)\n\
         println(f(a) + \" \" + a)\n\
         def zero(xs: Array[Int]): Unit = xs(0) = 0\nval arr = Array(5, 6)\nzero(arr)\n\
         val shared = mutable.Set[String]()\nval r = new Reg(shared)\nr.seen += \"z\"\n\
         println(arr.toList + \" \" + shared)",
        &[],
    );
    // `s += 3` is the set's own `+=`, whose value is the set.
    assert_eq!(
        out.unwrap(),
        "ArrayBuffer(1, 9) HashMap(x -> 2) List(1, 3) List(1, 3)\n1 ArrayBuffer(9, 4)\n\
         List(0, 6) HashSet(z)\n"
    );
}

#[test]
fn a_field_holds_its_buffer_for_every_name_of_it() {
    let pre =
        "class Acc { val items = mutable.ArrayBuffer[Int](); def add(x: Int) = items += x }\n\
               case class Box(items: mutable.ArrayBuffer[Int], n: Int)";
    let out = printed(
        pre,
        "val acc = new Acc\nacc.add(1)\nacc.items += 2\nacc.items.append(3)\n\
         val alias = acc.items\nalias += 4\nprintln(acc.items)\n\
         val b = Box(ArrayBuffer(1), 0)\nb.items += 2\nval c = b.copy(n = 1)\nc.items += 3\n\
         def grow(x: Box): Unit = x.items += 4\ngrow(b)\n\
         b match { case Box(items, _) => items += 5 }\n\
         println(b + \" \" + c + \" \" + (b.items eq c.items))",
        &[],
    );
    // `copy` is shallow: the copy holds the same buffer.
    assert_eq!(
        out.unwrap(),
        "ArrayBuffer(1, 2, 3, 4)\nBox(ArrayBuffer(1, 2, 3, 4, 5),0) Box(ArrayBuffer(1, 2, 3, 4, 5),1) true\n"
    );
}

#[test]
fn a_task_updates_its_own_copy_of_a_drivers_buffer_and_an_objects_is_shared() {
    let pre = "object Store { val all = mutable.ArrayBuffer[String]() }\n\
               case class Box(items: mutable.ArrayBuffer[Int])";
    let out = printed(
        pre,
        "val seen = ArrayBuffer[String]()\nval box = Box(ArrayBuffer())\n\
         def keep(b: ArrayBuffer[String], w: String): Unit = b += w\n\
         lines.foreachRDD { rdd =>\n\
           rdd.foreach { l => keep(seen, l); keep(Store.all, l); box.items += l.length }\n\
           val sizes = rdd.mapPartitions { it =>\n\
             val local = ArrayBuffer[String]()\n\
             it.foreach(l => keep(local, l))\n\
             Iterator(local.size)\n\
           }.collect()\n\
           println(seen.size + \" \" + Store.all.sorted + \" \" + box + \" \" + sizes.sum)\n\
         }",
        &[&["a b", "c"], &["d"]],
    );
    // The driver's `seen` and `box` stay empty (each task deserialises its own); the
    // object's buffer is one static for driver and tasks (local mode).
    assert_eq!(
        out.unwrap(),
        "0 ArrayBuffer(a b, c) Box(ArrayBuffer()) 2\n0 ArrayBuffer(a b, c, d) Box(ArrayBuffer()) 1\n"
    );
}

#[test]
fn a_buffer_read_out_of_a_map_is_the_maps_own() {
    // The grouping idiom: `getOrElseUpdate` gives the map's buffer, which `buf += w` grows.
    let out = printed(
        "",
        "val m = mutable.Map[String, ArrayBuffer[String]]()\n\
         for (w <- List(\"apple\", \"avocado\", \"banana\")) {\n\
           val buf = m.getOrElseUpdate(w.take(1), ArrayBuffer())\n\
           buf += w\n\
         }\n\
         val b = m(\"a\")\nb += \"apricot\"\nm(\"a\").append(\"acai\")\nm(\"b\")(0) = \"BANANA\"\n\
         val grid = Array.fill(2)(ArrayBuffer[Int]())\nval row = grid(1)\nrow += 5\ngrid(1) += 6\n\
         println(m.toList.sortBy(_._1) + \" \" + m.values.flatten.size + \" \" + grid.toList)",
        &[],
    );
    assert_eq!(
        out.unwrap(),
        "List((a,ArrayBuffer(apple, avocado, apricot, acai)), (b,ArrayBuffer(BANANA))) 5 \
         List(ArrayBuffer(), ArrayBuffer(5, 6))\n"
    );
}

#[test]
fn a_task_updates_its_own_copy_of_a_drivers_map_of_buffers() {
    let out = printed(
        "",
        "val m = mutable.Map[String, ArrayBuffer[Int]]()\n\
         m.getOrElseUpdate(\"x\", ArrayBuffer()) += 1\n\
         lines.foreachRDD { rdd =>\n\
           rdd.foreach { l => val b = m(\"x\"); b += l.length }\n\
           val sizes = rdd.map { l => val b = m(\"x\"); b += 2; b.size }.collect()\n\
           println(m + \" \" + sizes.toList)\n\
         }",
        &[&["ab", "c"]],
    );
    // Each task's `m` is its own (deserialised with the closure), its buffers too.
    assert_eq!(out.unwrap(), "HashMap(x -> ArrayBuffer(1)) List(2, 2)\n");
}

#[test]
fn a_clone_is_a_collection_of_its_own() {
    let out = printed(
        "",
        "val b = ArrayBuffer(1, 2); val c = b.clone(); c += 3\n\
         val m = mutable.Map(\"a\" -> 1); val m2 = m.clone(); m2(\"b\") = 2\n\
         val a = Array(1, 2); val a2 = a.clone(); a2(0) = 9\n\
         println(b + \" \" + c + \" \" + m + \" \" + m2.toList.sorted + \" \" + a.toList + \" \" + a2.toList)",
        &[],
    );
    assert_eq!(
        out.unwrap(),
        "ArrayBuffer(1, 2) ArrayBuffer(1, 2, 3) HashMap(a -> 1) List((a,1), (b,2)) List(1, 2) List(9, 2)\n"
    );
}

#[test]
fn an_element_assigned_a_buffer_holds_that_buffer() {
    let out = printed(
        "",
        "val m = mutable.Map[String, ArrayBuffer[Int]]()\nval buf = ArrayBuffer(1)\n\
         m(\"k\") = buf\nbuf += 2\nm(\"k\") += 3\n\
         val arr = Array.fill(2)(ArrayBuffer[Int]())\narr(0) = buf\narr(0) += 4\n\
         println(m + \" \" + buf + \" \" + arr.toList)",
        &[],
    );
    assert_eq!(
        out.unwrap(),
        "HashMap(k -> ArrayBuffer(1, 2, 3, 4)) ArrayBuffer(1, 2, 3, 4) \
         List(ArrayBuffer(1, 2, 3, 4), ArrayBuffer())\n"
    );
}
