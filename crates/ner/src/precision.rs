//! Choosing the transformer's number format for the CPU it runs on.
//!
//! bfloat16 is about three times as fast as float32 on CPUs that compute it
//! natively (AVX-512 BF16, AMX) at the same accuracy (OntoNotes dev micro
//! F1 and PolNeAR dev claims within 0.002 of float32; docs/speed.md). On
//! any other CPU libtorch emulates it, which is slower than float32, so
//! `auto` picks bfloat16 only where the CPU has it and nothing caps the
//! instruction sets libtorch may use (`ATEN_CPU_CAPABILITY`,
//! `ONEDNN_MAX_CPU_ISA`, as when a fast host is made to run as an AVX2-only
//! one would).
//!
//! int8 weights in the encoder layers (`--precision int8`) are only ever
//! asked for: faster still on both CPU kinds measured, as accurate on the dev
//! sets, but further from float32 label by label than bfloat16 (docs/speed.md).

/// The number format chosen for the transformer, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precision {
    /// Run in bfloat16 (else float32).
    pub bf16: bool,
    /// Multiply int8 weights in the encoder layers' projections, the rest in
    /// float32 (`bf16` is then false).
    pub int8: bool,
    /// Why, in words: what was asked and what the CPU offers.
    pub reason: String,
}

impl Precision {
    /// `bf16`, `int8` or `f32`.
    pub fn name(&self) -> &'static str {
        if self.bf16 {
            "bf16"
        } else if self.int8 {
            "int8"
        } else {
            "f32"
        }
    }
}

/// The format for `requested` (`auto`, `f32`, `bf16` or `int8`) on the CPU
/// when `on_cpu`; a GPU runs `auto` and `int8` in float32, and so does a CPU
/// without AVX2 asked for `int8` (fbgemm's int8 kernels need it).
pub fn choose_precision(requested: &str, on_cpu: bool) -> Precision {
    let flags = cpu_flags();
    let native: Vec<&str> = ["avx512_bf16", "amx_bf16"]
        .into_iter()
        .filter(|flag| flags.iter().any(|f| f == flag))
        .collect();
    let capped = isa_cap();
    let float32 = |reason: String| Precision {
        bf16: false,
        int8: false,
        reason,
    };
    match requested {
        "bf16" => Precision {
            bf16: true,
            int8: false,
            reason: "asked for (--precision bf16)".into(),
        },
        "f32" => float32("asked for (--precision f32)".into()),
        "int8" if !on_cpu => float32("asked for int8, which runs on the CPU only: float32 on a GPU".into()),
        "int8" if !flags.iter().any(|f| f == "avx2") => {
            float32("asked for int8, but this CPU has no avx2, which fbgemm's int8 kernels need: float32".into())
        }
        "int8" => Precision {
            bf16: false,
            int8: true,
            reason: "asked for (--precision int8): int8 weights in the encoder layers, float32 elsewhere".into(),
        },
        _ if !on_cpu => float32("auto: float32 on a GPU".into()),
        _ if native.is_empty() => float32(
            "auto: this CPU has no avx512_bf16 or amx_bf16, where bfloat16 would be emulated and slower".into(),
        ),
        _ => match capped {
            Some(cap) => float32(format!(
                "auto: the CPU has {} but {cap} keeps libtorch from using it",
                native.join(" and ")
            )),
            None => Precision {
                bf16: true,
                int8: false,
                reason: format!("auto: the CPU has {}", native.join(" and ")),
            },
        },
    }
}

/// An environment setting that keeps libtorch's kernels below AVX-512
/// (so below its bfloat16 instructions), if any: `ATEN_CPU_CAPABILITY`
/// other than `avx512`, or `ONEDNN_MAX_CPU_ISA` without BF16 or AMX.
fn isa_cap() -> Option<String> {
    if let Ok(aten) = std::env::var("ATEN_CPU_CAPABILITY") {
        let aten = aten.to_ascii_lowercase();
        if !aten.is_empty() && !aten.starts_with("avx512") {
            return Some(format!("ATEN_CPU_CAPABILITY={aten}"));
        }
    }
    if let Ok(isa) = std::env::var("ONEDNN_MAX_CPU_ISA") {
        let upper = isa.to_ascii_uppercase();
        if !upper.is_empty() && upper != "ALL" && !upper.contains("BF16") && !upper.contains("AMX")
        {
            return Some(format!("ONEDNN_MAX_CPU_ISA={isa}"));
        }
    }
    None
}

/// The CPU's feature flags (`/proc/cpuinfo`; empty where it cannot be read).
pub fn cpu_flags() -> Vec<String> {
    cpuinfo_field("flags")
        .map(|flags| flags.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The CPU's model name and the flags that decide the transformer's speed
/// (AVX2, AVX-512, VNNI, bfloat16, AMX).
pub fn cpu_summary() -> String {
    let model = cpuinfo_field("model name").unwrap_or_else(|| "unknown CPU".into());
    let relevant: Vec<String> = cpu_flags()
        .into_iter()
        .filter(|f| {
            f == "avx2"
                || f == "avx512f"
                || f == "avx512_vnni"
                || f == "avx_vnni"
                || f == "avx512_bf16"
                || f.starts_with("amx")
        })
        .collect();
    format!("{model} ({})", relevant.join(" "))
}

fn cpuinfo_field(name: &str) -> Option<String> {
    let info = std::fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find(|line| line.split(':').next().map(str::trim) == Some(name))
        .and_then(|line| line.split_once(':'))
        .map(|(_, value)| value.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::choose_precision;

    #[test]
    fn what_is_asked_for_wins_and_a_gpu_runs_float32() {
        assert!(choose_precision("bf16", true).bf16);
        assert!(!choose_precision("f32", true).bf16);
        let gpu = choose_precision("auto", false);
        assert!(!gpu.bf16);
        assert_eq!(gpu.reason, "auto: float32 on a GPU");
    }

    #[test]
    fn int8_runs_where_fbgemm_can_and_float32_elsewhere() {
        let gpu = choose_precision("int8", false);
        assert!(!gpu.int8 && !gpu.bf16);
        assert_eq!(gpu.name(), "f32");
        assert!(gpu.reason.contains("GPU"), "{}", gpu.reason);
        let cpu = choose_precision("int8", true);
        let has_avx2 = super::cpu_flags().iter().any(|flag| flag == "avx2");
        assert_eq!(cpu.int8, has_avx2, "{}", cpu.reason);
        assert!(!cpu.bf16);
        assert_eq!(cpu.name(), if has_avx2 { "int8" } else { "f32" });
        assert!(
            !choose_precision("auto", true).int8,
            "auto never picks int8"
        );
    }

    #[test]
    fn auto_names_the_cpu_flag_it_went_by() {
        let auto = choose_precision("auto", true);
        if auto.bf16 {
            assert!(auto.reason.contains("bf16"), "{}", auto.reason);
        } else {
            assert!(auto.reason.starts_with("auto:"), "{}", auto.reason);
        }
    }
}
