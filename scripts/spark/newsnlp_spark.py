#!/usr/bin/env python3
"""Runs `newsnlp run` over a directory of news inputs with Apache Spark.

    spark-submit --master local[2] \\
      --archives out/spark/newsnlp-runtime-cpu.tar.gz#newsnlp \\
      scripts/spark/newsnlp_spark.py INPUT... --output OUT [--format jsonl|parquet|both] \\
      [--partitions N] [--docs-per-chunk N] [--threads K] [-- EXTRA `newsnlp run` FLAGS]

INPUT: files, directories (searched recursively) or globs, on any file system Spark reads
(file:, hdfs:, s3a:, gs:, ...). Files ending in .jsonl/.ndjson (optionally .gz) hold one raw
article per line, the lines `newsnlp run -` accepts; files ending in .warc/.warc.gz/.html/.htm/
.txt/.json are given to `newsnlp run FILE` whole. Other files, and names starting with '.' or
'_', are skipped. The archive is made by scripts/spark/package_runtime.sh; see
scripts/spark/README.md.

How it works:
  1. The driver lists the inputs; a first Spark job counts the documents (non-blank lines) of
     each JSONL file.
  2. The driver cuts each JSONL file into chunks of --docs-per-chunk documents, a multiple of
     newsnlp's --batch-size counted from the start of the file, and assigns contiguous runs of
     chunks to partitions, balanced by documents.
  3. A second job reads the JSONL files again, shuffles the chunks to their partitions and pipes
     each partition through one `newsnlp run -` process per input file (the model loads once
     per process), with the binary, libtorch and the model of the shipped runtime archive. The
     stdin of each process starts with as many empty lines as precede its first chunk in the
     file: newsnlp counts empty lines but writes nothing for them, so `meta.line` (and the
     `stdin:N` id of a malformed line) is the line number in the file, and since the chunks
     also start on batch boundaries every output line is byte for byte what
     `newsnlp run - < FILE` writes for that input line.
     Whole-file inputs are not shuffled: each task writes its files to a temporary folder and
     runs `newsnlp run NAME` there (one process per file).
  4. Output: --format jsonl writes OUT/part-NNNNN (one annotated document per line, exactly as
     newsnlp writes it); parquet writes OUT with columns input_file, line (line in the JSONL file,
     or record number in a whole-file input), id, error (null, or the messages of the document's
     `errors` joined by '; '), json; both writes OUT/jsonl and OUT/parquet. Part files are in input
     order: JSONL files sorted by path, lines in file order, then whole-file inputs sorted by path.

A newsnlp process that fails (exit status other than 0, or 3 = some documents carry errors)
fails the Spark task with the tail of its stderr; Spark retries it (spark.task.maxFailures).
The executors need Python 3 with the standard library only.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

LINE_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
FILE_SUFFIXES = (".warc", ".warc.gz", ".html", ".htm", ".txt", ".json")
# Whitespace as Rust's str::trim sees it (Unicode White_Space): newsnlp skips lines that are
# empty after trimming and writes nothing for them.
RUST_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000"
)
NEWSNLP_DEFAULT_BATCH = 64
# The attribution model of the claims stage, shipped beside the NER model.
CLAIMS_MODEL = "claims-polnear-minilm"
NER_MODEL = "ner-ontonotes-minilm"


def is_joint(model_dir: str) -> bool:
    """Whether a model folder holds a joint model (an attribution head beside the entity head)."""
    try:
        with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
            return "newsnlp_claims_id2label" in json.load(f)
    except (OSError, ValueError):
        return False


def log(msg: str) -> None:
    print(f"newsnlp-spark: {msg}", file=sys.stderr, flush=True)


def kind_of(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1].lower()
    if name.startswith((".", "_")):
        return None
    if name.endswith(LINE_SUFFIXES):
        return "lines"
    if name.endswith(FILE_SUFFIXES):
        return "file"
    return None


# ------------------------------------------------------------------ executor side: input


def jsonl_bytes(path: str, content: bytes) -> bytes:
    return gzip.decompress(content) if path.lower().endswith(".gz") else content


def line_spans(data: bytes):
    """(start, end) of each line as newsnlp's reader sees it (split after b'\\n')."""
    pos, n = 0, len(data)
    while pos < n:
        nl = data.find(b"\n", pos)
        end = n if nl < 0 else nl + 1
        yield pos, end
        pos = end


def is_blank(line: bytes) -> bool:
    return not line.decode("utf-8", "replace").strip(RUST_WHITESPACE)


def count_documents(path: str, content: bytes):
    """Job 1: (path, documents) of a JSONL file: its lines that are not blank."""
    data = jsonl_bytes(path, content)
    return path, sum(1 for start, end in line_spans(data) if not is_blank(data[start:end]))


def make_chunks(path: str, content: bytes, file_index: int, docs_per_chunk: int):
    """Job 2: ((file_index, chunk_index), (path, first_line, payload, documents)): chunks of
    `docs_per_chunk` documents (non-blank lines) with the blank lines among them."""
    data = jsonl_bytes(path, content)
    chunk, chunk_start, first_line, line_no, docs = 0, 0, 1, 0, 0
    for start, end in line_spans(data):
        line_no += 1
        if not is_blank(data[start:end]):
            docs += 1
            if docs == docs_per_chunk:
                yield (file_index, chunk), (path, first_line, data[chunk_start:end], docs)
                chunk, chunk_start, first_line, docs = chunk + 1, end, line_no + 1, 0
    if docs:
        yield (file_index, chunk), (path, first_line, data[chunk_start:], docs)


# ------------------------------------------------------------------ executor side: newsnlp


class Runtime:
    """The binary, its libraries and the model on this executor."""

    def __init__(self, spec: dict):
        self.spec = spec
        self._root = None

    @property
    def root(self) -> str:
        if self._root is None:
            self._root = resolve_runtime(self.spec["runtime"])
        return self._root

    def command(self, inputs: list[str]) -> list[str]:
        spec = self.spec
        # The engine itself (the `newsnlp` launcher beside it only hands commands over to it).
        binary = spec.get("binary") or executable(os.path.join(self.root, "bin", "newsnlp-engine"))
        cmd = [binary, "run", *inputs]
        extra = list(spec["extra"])
        if not any(a == "--threads" or a.startswith("--threads=") for a in extra):
            cmd += ["--threads", str(spec["threads"])]
        def given(flag):
            return any(a == flag or a.startswith(flag + "=") for a in extra)

        if not spec.get("binary"):
            models = os.path.join(self.root, "models")
            names = sorted(d for d in os.listdir(models) if os.path.isdir(os.path.join(models, d)))
            # The shipped entity model first: other folders (the opt-in joint model) only on request.
            ner = sorted((n for n in names if n != CLAIMS_MODEL), key=lambda n: (n != NER_MODEL, n))
            model = None
            if not given("--model") and (spec.get("model") or ner):
                model = os.path.join(models, spec.get("model") or ner[0])
                cmd += ["--model", model]
            if not given("--claims-model") and not given("--claims-rules"):
                # A joint model (`--model joint-minilm`) serves the claims stage too, from the same pass.
                if model and is_joint(model):
                    cmd += ["--claims-model", model]
                elif CLAIMS_MODEL in names:
                    cmd += ["--claims-model", os.path.join(models, CLAIMS_MODEL)]
        return cmd + extra

    def env(self) -> dict:
        env = dict(os.environ)
        if not self.spec.get("binary"):
            # Searched before the binary's RUNPATH (the build machine's .venv/libtorch/lib).
            lib = os.path.join(self.root, "torch", "lib")
            env["LD_LIBRARY_PATH"] = lib + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
        env.setdefault("NEWSNLP_LOG", "warn")
        return env


def resolve_runtime(name: str) -> str:
    """The unpacked --archives folder: the container's working directory on YARN, SparkFiles'
    root in local, standalone and Kubernetes mode, or an absolute path (pre-installed)."""
    if os.path.isabs(name):
        return name
    candidates = [os.path.join(os.getcwd(), name)]
    try:
        from pyspark import SparkFiles

        candidates.append(os.path.join(SparkFiles.getRootDirectory(), name))
    except Exception:  # noqa: BLE001 - not inside Spark
        pass
    for path in candidates:
        if os.path.isfile(os.path.join(path, "bin", "newsnlp-engine")):
            return path
    raise RuntimeError(
        f"newsnlp runtime '{name}' not found in {candidates}: pass the archive with "
        f"--archives newsnlp-runtime-cpu.tar.gz#{name}"
    )


def executable(path: str) -> str:
    """Spark unpacks --archives with Java's untar in local, standalone and Kubernetes mode,
    which drops the execute bit: restore it (or run a private copy if the folder is read-only)."""
    if os.access(path, os.X_OK):
        return path
    try:
        os.chmod(path, 0o755)
        return path
    except OSError:
        copy = os.path.join(tempfile.gettempdir(), f"newsnlp-{os.getuid()}-{os.stat(path).st_size}")
        if not os.access(copy, os.X_OK):
            tmp = f"{copy}.{os.getpid()}"
            shutil.copyfile(path, tmp)
            os.chmod(tmp, 0o755)
            os.replace(tmp, copy)
        return copy


def loaded_libtorch(proc, timeout: float = 20.0) -> str | None:
    """The file libtorch_cpu.so was mapped from in the running process (polls until the
    dynamic loader has mapped it); None if the process ends first."""
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/maps") as maps:
                for row in maps:
                    if row.rstrip().endswith("/libtorch_cpu.so"):
                        return row.split(None, 5)[5].strip()
        except OSError:
            return None
        time.sleep(0.02)
    return None


def run_newsnlp(runtime: Runtime, inputs: list[str], stdin_data, cwd: str | None, counters):
    """Runs one newsnlp process; yields its stdout lines (str, without the newline) as they come."""
    cmd = runtime.command(inputs)
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, cwd=cwd,
                                env=runtime.env())
        checked = threading.Event()

        def write():
            try:
                for block in stdin_data or ():
                    proc.stdin.write(block)
                checked.wait(30)  # keep the process alive until the library check has seen it
                proc.stdin.close()
            except OSError:  # the process died: its exit status says why
                pass

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        lib = loaded_libtorch(proc)
        checked.set()
        counters["processes"].add(1)
        if lib is not None and not runtime.spec.get("binary"):
            if os.path.realpath(lib).startswith(os.path.realpath(runtime.root) + os.sep):
                counters["from_runtime"].add(1)
            else:
                counters["outside_runtime"].add(1)
                log(f"libtorch_cpu.so loaded from {lib}, outside the runtime {runtime.root}")
        for raw in proc.stdout:
            yield raw.rstrip(b"\n").decode("utf-8")
        code = proc.wait()
        writer.join(timeout=5)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    tail = "\n".join(stderr.strip().splitlines()[-20:])
    if code not in (0, 3):
        raise RuntimeError(f"{shlex.join(cmd)} exited with status {code} (cwd {cwd}):\n{tail}")
    if tail:
        log(tail.splitlines()[-1])  # newsnlp's summary line, into the executor's log


def document(path: str, ordinal, line: str, counters):
    """One output row: (input_file, line, id, error, json). `line`: the line in a JSONL file
    (meta.line), the record number in a WARC file (meta.warc_record), else the document's ordinal
    in its file."""
    doc = json.loads(line)
    errors = doc.get("errors") or []
    counters["documents"].add(1)
    if errors:
        counters["with_errors"].add(1)
    meta = doc.get("meta") if isinstance(doc.get("meta"), dict) else {}
    where = next((v for v in (meta.get("line"), meta.get("warc_record")) if isinstance(v, int)), ordinal)
    message = "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors) or None
    return path, where, doc.get("id"), message, line


def stdin_blocks(group):
    """The stdin of one process: group = [(first_line, payload, documents)] of consecutive chunks
    of one file. Starts with the empty lines that precede the first chunk in the file (newsnlp
    counts them and writes nothing), so its line numbers are the file's."""
    line = 1  # the number newsnlp gives the next line it reads
    for first, data, _ in group:
        gap = first - line
        while gap > 0:
            step = min(gap, 1 << 20)
            yield b"\n" * step
            gap -= step
        if not data.endswith(b"\n"):
            data += b"\n"
        yield data
        line = first + data.count(b"\n")


def process_jsonl_partition(items, spec, counters):
    """items: ((file_index, chunk), (path, first_line, payload, documents)) sorted by key.
    One newsnlp process per run of chunks from the same file."""
    runtime = Runtime(spec)
    items = iter(items)
    pending = next(items, None)
    while pending is not None:
        file_index = pending[0][0]
        path = pending[1][0]
        group = []
        while pending is not None and pending[0][0] == file_index:
            group.append(pending[1][1:])
            pending = next(items, None)

        want = sum(docs for _, _, docs in group)
        got = 0
        for line in run_newsnlp(runtime, ["-"], stdin_blocks(group), None, counters):
            got += 1
            yield document(path, None, line, counters)
        if got != want:
            counters["count_mismatch"].add(1)
            log(f"{path} from line {group[0][0]}: {want} documents in, {got} out")


def process_whole_files(items, spec, counters):
    """items: (path, content) of whole-file inputs; `newsnlp run NAME` in a temporary folder."""
    runtime = Runtime(spec)
    for path, content in items:
        tmp = tempfile.mkdtemp(prefix="newsnlp-spark-")
        try:
            name = path.rstrip("/").rsplit("/", 1)[-1]
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(content)
            del content
            for n, line in enumerate(run_newsnlp(runtime, [name], None, tmp, counters), 1):
                yield document(path, n, line, counters)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def batch_size(extra: list[str]) -> int:
    """newsnlp's --batch-size among the extra flags (its default otherwise)."""
    for i, arg in enumerate(extra):
        if arg == "--batch-size" and i + 1 < len(extra):
            return int(extra[i + 1])
        if arg.startswith("--batch-size="):
            return int(arg.split("=", 1)[1])
    return NEWSNLP_DEFAULT_BATCH


def check_runtime(spec):
    """On an executor: where the binary's libraries resolve, and whether `newsnlp stages` runs."""
    runtime = Runtime(spec)
    binary = runtime.command(["-"])[0]
    env = runtime.env()
    ldd = subprocess.run(["ldd", binary], env=env, capture_output=True, text=True)
    root = os.path.realpath(runtime.root) + os.sep
    outside = []
    for row in ldd.stdout.splitlines():
        parts = row.split()
        if "not found" in row:
            outside.append(row.strip())
        elif len(parts) >= 3 and parts[1] == "=>":
            path = os.path.realpath(parts[2])
            if not path.startswith(root) and not path.startswith(("/lib", "/usr/lib")):
                outside.append(f"{parts[0]} => {path}")
    stages = subprocess.run([binary, "stages"], env=env, capture_output=True, text=True)
    return {
        "host": os.uname().nodename,
        "runtime": runtime.root,
        "binary": binary,
        "outside": outside,
        "stages_ok": stages.returncode == 0,
        "stages_err": stages.stderr[-2000:],
    }


# ------------------------------------------------------------------ driver side


def list_inputs(spark, patterns):
    """Sorted, de-duplicated [(uri, size)] of the input files, through Hadoop's FileSystem API."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    found = {}
    for pattern in patterns:
        path = jvm.org.apache.hadoop.fs.Path(pattern)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if not statuses:
            raise SystemExit(f"newsnlp-spark: input '{pattern}' matches nothing")
        for status in statuses:
            if status.isDirectory():
                top = status.getPath().toString()
                it = fs.listFiles(status.getPath(), True)
                while it.hasNext():
                    f = it.next()
                    uri = f.getPath().toString()
                    if any(part.startswith((".", "_")) for part in uri[len(top):].split("/") if part):
                        continue
                    if kind_of(uri):
                        found[uri] = f.getLen()
            else:
                uri = status.getPath().toString()
                if kind_of(uri):
                    found[uri] = status.getLen()
                else:
                    log(f"skipping {uri}: not .jsonl/.ndjson(.gz), .warc(.gz), .html, .htm, .txt or .json")
    for uri in found:
        if "," in uri:
            raise SystemExit(f"newsnlp-spark: input paths must not contain ',' (Hadoop splits on it): {uri}")
    return sorted(found.items())


def assign_partitions(chunks, partitions):
    """chunks: [(key, weight)] in key order -> boundary keys (partition = bisect_right(bounds, key)):
    contiguous runs of chunks, each chunk in the partition its weight's midpoint falls in."""
    total = sum(w for _, w in chunks) or 1
    bounds, acc, part = [], 0, 1
    for key, weight in chunks:
        while part < partitions and acc + weight / 2 > total * part / partitions:
            if not bounds or bounds[-1] != key:
                bounds.append(key)
            part += 1
        acc += weight
    return bounds


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1:]
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Flags after `--` go to `newsnlp run` (e.g. -- --published 2025-11-08 --precision f32).")
    p.add_argument("inputs", nargs="+", help="files, directories or globs (any Hadoop file system)")
    p.add_argument("--output", "-o", required=True, help="output directory (must not exist)")
    p.add_argument("--format", choices=["jsonl", "parquet", "both"], default="jsonl")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions (= tasks) for the JSONL inputs (default: task slots, more for "
                        "big inputs: about --docs-per-task documents each, at most 8 per slot)")
    p.add_argument("--docs-per-task", type=int, default=5000,
                   help="documents per task when choosing the number of partitions (default 5000)")
    p.add_argument("--docs-per-chunk", type=int, default=0,
                   help="documents per shuffled chunk, the unit of balancing, rounded to a multiple of "
                        "newsnlp's --batch-size (default: ~8 chunks per partition, at most 1024 documents)")
    p.add_argument("--threads", type=int, default=0, help="newsnlp --threads per task (default: spark.task.cpus)")
    p.add_argument("--runtime", default="newsnlp",
                   help="the --archives alias (default newsnlp) or an absolute path to an unpacked runtime")
    p.add_argument("--model", default=None, help="NER model folder inside the runtime's models/ (default: ner-ontonotes-minilm, else the first "
                        "that is not the attribution model; joint-minilm: the joint model serves both stages)")
    p.add_argument("--binary", default=None,
                   help="run this newsnlp binary instead of the runtime's (same path on every node; for debugging)")
    p.add_argument("--compress", action="store_true", help="gzip the JSONL part files")
    p.add_argument("--check-runtime", action="store_true",
                   help="first check on the executors that every library resolves inside the runtime")
    args = p.parse_args(argv)
    if args.docs_per_chunk < 0 or args.docs_per_task < 1 or args.partitions < 0 or args.threads < 0:
        p.error("--docs-per-chunk, --docs-per-task, --partitions and --threads must be positive")

    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    spark = SparkSession.builder.appName("newsnlp").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(os.environ.get("NEWSNLP_SPARK_LOG_LEVEL", "WARN"))
    task_cpus = int(sc.getConf().get("spark.task.cpus", "1"))
    slots = max(1, sc.defaultParallelism // task_cpus)
    spec = {"runtime": args.runtime, "binary": args.binary, "model": args.model,
            "threads": args.threads or task_cpus, "extra": extra}

    if args.check_runtime:
        reports = sc.parallelize(range(slots), slots).map(lambda _: check_runtime(spec)).collect()
        for r in {(r["host"], r["runtime"]): r for r in reports}.values():
            log(f"runtime on {r['host']}: {r['runtime']}; libraries outside it: {r['outside'] or 'none'}; "
                f"`newsnlp stages` {'ok' if r['stages_ok'] else 'FAILED: ' + r['stages_err']}")
        if any(r["outside"] or not r["stages_ok"] for r in reports) and not args.binary:
            log("ERROR: the runtime check failed")
            return 1

    started = time.time()
    files = list_inputs(spark, args.inputs)
    if not files:
        raise SystemExit("newsnlp-spark: no input files")
    line_files = [(uri, size) for uri, size in files if kind_of(uri) == "lines"]
    whole_files = [(uri, size) for uri, size in files if kind_of(uri) == "file"]
    index = {uri: i for i, (uri, _) in enumerate(line_files)}
    counters = {name: sc.accumulator(0) for name in (
        "documents", "with_errors", "processes", "from_runtime", "outside_runtime", "count_mismatch")}
    parts, partitions = [], 0

    if line_files:
        line_paths = ",".join(uri for uri, _ in line_files)
        read_splits = min(len(line_files), slots * 4)
        # Job 1: documents per JSONL file.
        docs_in = dict(sc.binaryFiles(line_paths, read_splits)
                       .map(lambda pc: count_documents(pc[0], pc[1])).collect())
        missing = set(index) - set(docs_in)
        if missing:
            raise SystemExit(f"newsnlp-spark: Spark did not read {sorted(missing)[:3]}")
        total = sum(docs_in.values())
        partitions = args.partitions or max(slots, min(-(-total // args.docs_per_task), slots * 8))
        # newsnlp annotates --batch-size documents together, and the transformer's scores depend
        # (in the last digits) on which documents share a batch: chunks start on batch boundaries
        # counted from the start of the file, so each batch is the one a direct run makes.
        batch = batch_size(extra)
        wanted = args.docs_per_chunk or max(1, min(1024, total // (partitions * 8)))
        docs_per_chunk = batch * max(1, round(wanted / batch))
        chunks = [((index[uri], c), min(docs_per_chunk, docs_in[uri] - c * docs_per_chunk))
                  for uri, _ in line_files for c in range(-(-docs_in[uri] // docs_per_chunk))]
        if chunks:
            partitions = max(1, min(partitions, len(chunks)))
            bounds = assign_partitions(chunks, partitions)
            log(f"{len(line_files)} JSONL file(s), {total} document(s) in {len(chunks)} chunk(s) of up to "
                f"{docs_per_chunk} -> {partitions} partition(s) on {slots} task slot(s), newsnlp --threads "
                f"{spec['threads']}")
            # Job 2: read again, cut into chunks, shuffle to the assigned partitions, run newsnlp.
            parts.append(
                sc.binaryFiles(line_paths, read_splits)
                .flatMap(lambda pc: make_chunks(pc[0], pc[1], index[pc[0]], docs_per_chunk))
                .repartitionAndSortWithinPartitions(partitions, lambda key: bisect.bisect_right(bounds, key))
                .mapPartitions(lambda items: process_jsonl_partition(items, spec, counters)))
    if whole_files:
        # One task per file where Spark can (it may pack small files together); no shuffle.
        log(f"{len(whole_files)} whole-file input(s) (WARC/HTML/text), one newsnlp process each")
        parts.append(
            sc.binaryFiles(",".join(uri for uri, _ in whole_files), len(whole_files))
            .mapPartitions(lambda items: process_whole_files(items, spec, counters)))
    if not parts:
        raise SystemExit("newsnlp-spark: the inputs hold no documents")
    results = parts[0] if len(parts) == 1 else sc.union(parts)

    out = args.output.rstrip("/")
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.compress else None
    schema = StructType([
        StructField("input_file", StringType(), False),
        StructField("line", LongType(), True),
        StructField("id", StringType(), True),
        StructField("error", StringType(), True),
        StructField("json", StringType(), False),
    ])
    if args.format == "jsonl":
        results.map(lambda r: r[4]).saveAsTextFile(out, codec)
    elif args.format == "parquet":
        spark.createDataFrame(results, schema).write.parquet(out)
    else:  # computed once, written twice
        results.persist(StorageLevel.MEMORY_AND_DISK)
        spark.createDataFrame(results, schema).write.parquet(out + "/parquet")
        results.map(lambda r: r[4]).saveAsTextFile(out + "/jsonl", codec)
        results.unpersist()
    elapsed = time.time() - started

    # Accumulators: a retried task counts twice (a report, not a check).
    c = {name: acc.value for name, acc in counters.items()}
    log(f"{c['documents']} documents ({c['with_errors']} with errors) from {len(files)} file(s) in "
        f"{elapsed:.2f} s, {c['documents'] / elapsed:.1f} docs/s; {c['processes']} newsnlp process(es), "
        f"libtorch loaded from the runtime in {c['from_runtime']}, elsewhere in {c['outside_runtime']}")
    print(json.dumps({
        "documents": c["documents"], "with_errors": c["with_errors"], "input_files": len(files),
        "seconds": round(elapsed, 3), "docs_per_s": round(c["documents"] / elapsed, 2),
        "jsonl_partitions": partitions, "task_slots": slots, "threads_per_task": spec["threads"],
        "processes": c["processes"], "libtorch_from_runtime": c["from_runtime"],
        "libtorch_elsewhere": c["outside_runtime"], "count_mismatches": c["count_mismatch"],
    }), flush=True)
    spark.stop()
    if c["count_mismatch"]:
        log(f"ERROR: {c['count_mismatch']} newsnlp process(es) wrote a different number of documents "
            "than they were given non-blank lines (see the executor logs)")
        return 4
    if c["outside_runtime"] and not args.binary:
        log("ERROR: some newsnlp processes loaded libtorch from outside the shipped runtime")
        return 5
    return 0


if __name__ == "__main__":
    sys.exit(main())
