"""Registers the JJava kernel inside the virtual environment as kernel ``java``.

The ``jjava`` wheel ships the kernel jars under ``<venv>/share/jupyter/kernels/java``.
This script rewrites that folder's ``kernel.json`` so the kernel starts with the
clip-synergy library and all its runtime dependencies on the notebook classpath,
with DJL offline and untracked, with ``clipsynergy.root`` pointing at the
repository, and with ``environment/kernel/startup.jshell`` run at start (it makes
report HTML and tablesaw tables display as HTML).

Usage: python environment/install_kernel.py ROOT
"""

import json
import os
import sys
from pathlib import Path


def library_classpath(root: Path) -> list:
    """Returns the library jar followed by every dependency jar, sorted by name."""
    target = root / "lib" / "target"
    jars = sorted(p for p in target.glob("clip-synergy-*.jar")
                  if not p.name.endswith(("-sources.jar", "-javadoc.jar", "-tests.jar")))
    if len(jars) != 1:
        sys.exit(f"install_kernel: expected one library jar in {target}, found {len(jars)}: "
                 f"{[j.name for j in jars]}; run `make setup` (it builds lib first)")
    deps = sorted((target / "dependency").glob("*.jar"))
    if not deps:
        sys.exit(f"install_kernel: no dependency jars in {target / 'dependency'}; run `make setup`")
    return [str(jars[0])] + [str(d) for d in deps]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: install_kernel.py ROOT")
    root = Path(sys.argv[1]).resolve()
    kernel_dir = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java"
    for jar in ("jjava.jar", "jjava-launcher.jar"):
        if not (kernel_dir / jar).is_file():
            sys.exit(f"install_kernel: {kernel_dir / jar} is missing; is jjava installed in {sys.prefix}?")
    threads = os.environ.get("CLIP_SYNERGY_THREADS", "1")
    offline = os.environ.get("CLIP_SYNERGY_DJL_OFFLINE", "true")
    jvm_opts = " ".join([
        "-Xmx6g",
        "-Djava.awt.headless=true",
        f"-Dai.djl.offline={offline}",
        f"-Dai.djl.pytorch.num_threads={threads}",
        "-Dai.djl.pytorch.num_interop_threads=1",
        f"-Dclipsynergy.root={root}",
    ])
    spec = {
        "argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar",
                 "{resource_dir}/jjava.jar", "{connection_file}"],
        "display_name": "Java (clip-synergy)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "JJAVA_CLASSPATH": os.pathsep.join(library_classpath(root)),
            "JJAVA_JVM_OPTS": jvm_opts,
            "JJAVA_STARTUP_SCRIPTS_PATH": str(root / "environment" / "kernel" / "startup.jshell"),
            "OPT_OUT_TRACKING": "true",
            "OMP_NUM_THREADS": threads,
            "CLIP_SYNERGY_HOME": str(root),
        },
        "metadata": {},
    }
    path = kernel_dir / "kernel.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(spec, indent=2) + "\n")
    tmp.replace(path)
    print(f"kernel 'java' registered in {kernel_dir} "
          f"({len(spec['env']['JJAVA_CLASSPATH'].split(os.pathsep))} classpath entries)")


if __name__ == "__main__":
    main()
