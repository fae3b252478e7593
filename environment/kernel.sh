#!/usr/bin/env bash
# Builds the project's Java kernel spec under target/jupyter/kernels/edm-java (put on JUPYTER_PATH
# by the launcher): rapaio-jupyter-kernel 3.0.1 from Maven Central with the project's patch set,
# environment/kernel-patches/*.patch. The patches apply to the kernel's own sources (its sources jar
# from Maven Central, copied to target/kernel by the build); the patched classes are compiled into
# target/kernel/fix, which comes ahead of the kernel jar on the classpath.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/target"
jar="$target/kernel/rapaio-jupyter-kernel.jar"
sources="$target/kernel/rapaio-jupyter-kernel-sources.jar"
patches="$root/environment/kernel-patches"
fix="$target/kernel/fix"
spec="$target/jupyter/kernels/edm-java"

command -v patch >/dev/null || { echo "error: the kernel patches need patch (apt-get install patch)" >&2; exit 1; }
for f in "$jar" "$sources"; do
    [ -f "$f" ] || { echo "error: $f is missing; run the build first (mvn package)" >&2; exit 1; }
done
if [ ! -d "$fix" ] || [ -n "$(find "$patches" "$jar" "$sources" -newer "$fix" -type f)" ]; then
    src="$target/kernel/src"
    rm -rf "$fix" "$fix.new" "$src"
    mkdir -p "$fix.new" "$src"
    (cd "$src" && jar xf "$sources")
    for p in "$patches"/*.patch; do
        patch -s -p1 -d "$src" --batch --forward --no-backup-if-mismatch -r - < "$p" ||
            { echo "error: $(basename "$p") does not apply to $(basename "$sources")" >&2; exit 1; }
    done
    # only the patched files are compiled; every other class comes from the jar
    changed=$(sed -n 's|^+++ b/\([^[:space:]]*\).*|\1|p' "$patches"/*.patch | sort -u | sed "s|^|$src/|")
    # the kernel jar relocates jeromq (org.zeromq -> org.rapaio.org.zeromq); its sources name the original
    sed -i 's/\borg\.zeromq\./org.rapaio.org.zeromq./g' $changed
    javac --release 17 -nowarn -cp "$jar" -d "$fix.new" $changed
    cp "$patches/logging.properties" "$fix.new/"
    mv "$fix.new" "$fix" # only a complete build counts as built
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
