(ov: Int, nv: Int) => {
  println("被调起...")
  ov + nv
}
