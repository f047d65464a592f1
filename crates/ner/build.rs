//! Bakes libtorch's directory into the binaries and tests of every crate
//! that links it (rpath; shared by ner, pipeline and cli), so
//! they run without LD_LIBRARY_PATH.
fn main() {
    if let Ok(dir) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
