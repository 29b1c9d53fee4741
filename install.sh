#!/usr/bin/env bash
# Builds procbook and installs its Jupyter kernelspec. Safe to run again: it replaces what it installed.
#
#   ./install.sh                 build, then install for this user (jupyter kernelspec install --user)
#   ./install.sh --prefix P      install under P/share/jupyter/kernels/NAME (JUPYTER_PATH=P/share/jupyter finds it)
#   ./install.sh --name N        kernelspec name (default: procbook)
#   ./install.sh --jar J         use an already built jar instead of building (the test suite does this)
#   ./install.sh --java J        the java to run the kernel with (default: the one Maven builds with)
#   ./install.sh --full-jit      let the kernel JVM compile hot cell code with C2 (slower first cells)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name=procbook
prefix=""
jar=""
java_cmd=""
full_jit=""

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --user) prefix=""; shift ;;
    --name) name=${2:?--name needs a name}; shift 2 ;;
    --name=*) name=${1#*=}; shift ;;
    --jar) jar=${2:?--jar needs a file}; shift 2 ;;
    --jar=*) jar=${1#*=}; shift ;;
    --java) java_cmd=${2:?--java needs a path}; shift 2 ;;
    --java=*) java_cmd=${1#*=}; shift ;;
    --full-jit) full_jit=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
case "$name" in
  *[!a-zA-Z0-9._-]*|"") echo "install.sh: kernel name '$name' may only hold letters, digits, '.', '_' and '-'" >&2; exit 2 ;;
esac

# The java the kernel runs with: the one given, else JAVA_HOME's, else the one on PATH.
if [ -z "$java_cmd" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_cmd="$JAVA_HOME/bin/java"
  else java_cmd=$(command -v java || true); fi
fi
[ -n "$java_cmd" ] || { echo "install.sh: no java found; install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk)" >&2; exit 1; }
java_cmd=$(readlink -f "$java_cmd")
java_major=$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  echo "install.sh: $java_cmd is Java $java_major; procbook needs 17 or newer" >&2; exit 1
fi
# JShell needs the full JDK (jdk.jshell and the compiler), not a JRE.
if ! "$java_cmd" --list-modules 2>/dev/null | grep -q '^jdk.jshell@'; then
  echo "install.sh: $java_cmd has no jdk.jshell module; install a full JDK" >&2; exit 1
fi

if [ -z "$jar" ]; then
  command -v mvn >/dev/null || { echo "install.sh: Maven (mvn) is needed to build; apt-get install maven" >&2; exit 1; }
  echo "Building procbook with Maven (tests are run by the test command, not here)..."
  # Offline first so a machine with a warm ~/.m2 needs no network; online only if something is missing.
  (cd "$here" && { JAVA_HOME=$(dirname "$(dirname "$java_cmd")") mvn -q -o -DskipTests package 2>/dev/null \
      || JAVA_HOME=$(dirname "$(dirname "$java_cmd")") mvn -q -DskipTests package; })
  jar="$here/target/procbook.jar"
fi
[ -f "$jar" ] || { echo "install.sh: jar '$jar' does not exist" >&2; exit 1; }
jar=$(readlink -f "$jar")

# Where the kernelspec ends up; the jar is copied next to kernel.json so that the install does not depend
# on this checkout staying where it is (or on 'mvn clean' never running).
if [ -n "$prefix" ]; then
  mkdir -p "$prefix"
  prefix=$(cd "$prefix" && pwd)
  dest="$prefix/share/jupyter/kernels/$name"
elif command -v jupyter >/dev/null; then
  dest="$(jupyter --data-dir)/kernels/$name"
else
  dest="${XDG_DATA_HOME:-$HOME/.local/share}/jupyter/kernels/$name"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$jar" "$stage/procbook.jar"
cp "$here/kernelspec/logo-32x32.png" "$here/kernelspec/logo-64x64.png" "$stage/"
display="Java (procbook)"
[ "$name" = procbook ] || display="Java ($name)"

# JIT flags of the kernel JVM. The kernel's own hot code is javac (JShell compiles every cell, four javac tasks
# for an expression); C2 spent some 20 s of CPU compiling javac in the first minute and only pays off after
# hundreds of cells, while C1 with low thresholds has javac compiled within the first cells: `1+1` took half the
# time over a session's first 50 cells. The price is C1 code for cell code that runs in the kernel's own threads
# (a tight numeric loop up to 2.3x slower; collections, strings and atomics about the same); child processes
# (Process, Pool) keep C2. --full-jit restores the JVM's default tiered compilation.
jit_flags=(-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.1)
[ -z "$full_jit" ] || jit_flags=()

write_kernel_json() {  # $1: directory, $2...: extra JVM flags
  local dir=$1; shift
  local flags=""
  for f in "${jit_flags[@]}" "$@"; do flags+="\"$f\", "; done
  sed -e "s|@JAVA@|$java_cmd|" -e "s|@DISPLAY@|$display|" -e "s|@JAR@|$dest/procbook.jar|" -e "s|@FLAGS@|$flags|" \
      "$here/kernelspec/kernel.json.in" > "$dir/kernel.json"
}
write_kernel_json "$stage"

if command -v jupyter >/dev/null; then
  if [ -n "$prefix" ]; then
    log=$(jupyter kernelspec install --replace --name "$name" --prefix "$prefix" "$stage" 2>&1) || { echo "$log" >&2; exit 1; }
  else
    log=$(jupyter kernelspec install --replace --name "$name" --user "$stage" 2>&1) || { echo "$log" >&2; exit 1; }
  fi
else
  rm -rf "$dest"; mkdir -p "$dest"; cp -r "$stage/." "$dest/"
  echo "Note: 'jupyter' is not installed; the kernelspec was copied into $dest."
  echo "      Install Jupyter (e.g. apt-get install jupyter-notebook) to use it."
fi
chmod 644 "$dest"/*

# Class data sharing: the classes a kernel loads while starting and running its first cells, dumped from a
# short real session (--warm-up) with the installed jar path (an archive only applies to the exact class path it
# was made with), so that every kernel start maps them instead of parsing and verifying them again. On Java 25+
# it is an AOT cache (JEP 483/515: classes also loaded and linked ahead of time, with the session's method
# profiles), else a dynamic CDS archive. Without one the kernel still works, only slower to start.
cds="no (the JVM could not dump an archive; the kernel starts without one)"
rm -f "$dest/procbook.jsa" "$dest/procbook.aot"
if [ "${java_major%%.*}" -ge 25 ] 2>/dev/null; then
  if "$java_cmd" "${jit_flags[@]}" -XX:AOTCacheOutput="$dest/procbook.aot" -jar "$dest/procbook.jar" --warm-up \
      >/dev/null 2>&1 && [ -s "$dest/procbook.aot" ]; then
    write_kernel_json "$dest" "-XX:AOTCache=$dest/procbook.aot"
    cds="$dest/procbook.aot (AOT cache)"
  else
    rm -f "$dest/procbook.aot"
  fi
elif "$java_cmd" "${jit_flags[@]}" -XX:ArchiveClassesAtExit="$dest/procbook.jsa" -jar "$dest/procbook.jar" --warm-up \
    >/dev/null 2>&1 && [ -s "$dest/procbook.jsa" ]; then
  write_kernel_json "$dest" "-XX:SharedArchiveFile=$dest/procbook.jsa" "-Xshare:auto"
  cds="$dest/procbook.jsa"
else
  rm -f "$dest/procbook.jsa"
fi
chmod 644 "$dest"/*

echo "Installed kernel '$name' ($display)"
echo "  kernelspec: $dest"
echo "  java:       $java_cmd (Java $java_major)"
echo "  jar:        $dest/procbook.jar"
echo "  CDS:        $cds"
echo "  JIT:        ${jit_flags[*]:-tiered, C1 and C2 (--full-jit)}"
if [ -n "$prefix" ]; then
  echo "Use it with: JUPYTER_PATH=$prefix/share/jupyter jupyter notebook"
else
  echo "Use it with: jupyter notebook  (choose \"$display\")"
fi
