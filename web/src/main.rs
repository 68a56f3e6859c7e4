//! Mounts the playground app. Nothing else lives here.

fn main() {
    yew::Renderer::<dstream_web::App>::new().render();
}
