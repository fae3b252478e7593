#!/usr/bin/env bash
# Builds the project's Java kernel spec under target/jupyter/kernels/edm-java (put on JUPYTER_PATH
# by the launcher): rapaio-jupyter-kernel 3.0.1 from Maven Central, with the start-up race fix of
# environment/kernel-fix compiled into a folder ahead of the kernel jar on the classpath.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/target"
jar="$target/kernel/rapaio-jupyter-kernel.jar"
fix="$target/kernel/fix"
spec="$target/jupyter/kernels/edm-java"

[ -f "$jar" ] || { echo "error: $jar is missing; run the build first (mvn package)" >&2; exit 1; }
fix_src=$(find "$root/environment/kernel-fix" -name '*.java')
if [ ! -d "$fix" ] || [ -n "$(find "$root/environment/kernel-fix" -newer "$fix" -type f)" ]; then
    rm -rf "$fix"
    mkdir -p "$fix"
    javac --release 17 -nowarn -cp "$jar" -d "$fix" $fix_src
    cp "$root/environment/kernel-fix/logging.properties" "$fix/"
    touch "$fix"
fi

java_bin="$(command -v java)"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java_bin="$JAVA_HOME/bin/java"
mkdir -p "$spec" "$target/native-cache"
cat > "$spec/kernel.json" <<JSON
{
  "argv": [
    "$java_bin",
    "-Xmx${EDM_KERNEL_HEAP:-6g}",
    "-Dai.djl.offline=${EDM_DJL_OFFLINE:-true}",
    "-Dorg.bytedeco.javacpp.cachedir=$target/native-cache/javacpp",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
    "-Djava.awt.headless=true",
    "-cp",
    "$fix:$jar",
    "org.rapaio.jupyter.kernel.MainApp",
    "{connection_file}"
  ],
  "display_name": "Java (EDM workbench)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "RJK_CLASSPATH": "$target/classes;$target/lib/*.jar",
    "RJK_INIT_SCRIPT": "$root/environment/init.jshell",
    "RJK_MIMA_CACHE": "$target/mima-cache",
    "ENGINE_CACHE_DIR": "$target/native-cache/djl",
    "DJL_CACHE_DIR": "$target/native-cache/djl",
    "EDM_WORKBENCH_HOME": "$root"
  }
}
JSON
echo "$spec"
