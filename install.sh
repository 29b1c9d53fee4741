#!/usr/bin/env bash
# Builds procbook, installs its Jupyter kernelspec and, if this user has no Jupyter front end, JupyterLab and
# Notebook 7 in a private virtual environment; then prints the one command that opens the tutorials.
# Safe to run again: it replaces the kernel it installed and keeps a front end that is there.
#
#   ./install.sh                 build, install for this user (jupyter kernelspec install --user), and set up
#                                JupyterLab in DIR/procbook/jupyterlab (DIR: $XDG_DATA_HOME or ~/.local/share)
#                                unless `jupyter lab` or `jupyter notebook` is already on the PATH
#   ./install.sh --no-lab        the kernel only: look for no front end, install none
#   ./install.sh --lab-venv D    the private JupyterLab goes into (or is found in) D instead
#   ./install.sh --prefix P      install the kernel under P/share/jupyter/kernels/NAME (JUPYTER_PATH=P/share/jupyter
#                                finds it); no front end is set up
#   ./install.sh --name N        kernelspec name (default: procbook)
#   ./install.sh --jar J         use an already built jar instead of building (the test suite does this)
#   ./install.sh --java J        the java to run the kernel with (default: the one Maven builds with)
#   ./install.sh --full-jit      let the kernel JVM compile hot cell code with C2 (slower first cells)
# pip uses the package indexes its configuration names first (e.g. a local mirror), then its default index.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name=procbook
prefix=""
jar=""
java_cmd=""
full_jit=""
lab=1
lab_venv="${XDG_DATA_HOME:-$HOME/.local/share}/procbook/jupyterlab"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

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
    --no-lab) lab=""; shift ;;
    --lab-venv) lab_venv=${2:?--lab-venv needs a directory}; shift 2 ;;
    --lab-venv=*) lab_venv=${1#*=}; shift ;;
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
  # Offline first so a machine with a warm ~/.m2 needs no network; online only if something is missing. Maven's
  # output is shown only when the build fails (even -q -B prints terminal reset codes on success).
  build() { (cd "$here" && JAVA_HOME=$(dirname "$(dirname "$java_cmd")") mvn -B -q "$@" -DskipTests package 2>&1); }
  if ! build_log=$(build -o) && ! build_log=$(build); then
    echo "$build_log" >&2; echo "install.sh: the Maven build failed" >&2; exit 1
  fi
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
  dest="${JUPYTER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}/kernels/$name"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp "$jar" "$stage/procbook.jar"
cp "$here/kernelspec/logo-32x32.png" "$here/kernelspec/logo-64x64.png" "$here/kernelspec/logo-svg.svg" "$stage/"
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
# The serial collector: javac's garbage made G1 grow its young generation, and the kernel's resident memory with
# it, by 200-480 MiB over a session's first 1,800 snippets whatever the cells kept (serial: 237-256 MiB flat),
# and cells ran no slower. The kernel's heap is small and its work one thread at a time; children choose their
# own collector.
jit_flags+=(-XX:+UseSerialGC)

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
  # Where every Jupyter (the private JupyterLab below included) looks for this user's kernels.
  rm -rf "$dest"; mkdir -p "$dest"; cp -r "$stage/." "$dest/"
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
  echo "Use it with: JUPYTER_PATH=$prefix/share/jupyter jupyter lab  (choose \"$display\")"
  exit 0
fi
if [ -z "$lab" ]; then
  echo "Use it with: jupyter lab \"$here/notebooks\"  (or any Jupyter front end; choose \"$display\")"
  exit 0
fi

# The front end. One on the PATH is the user's and stays as it is; else JupyterLab and Notebook 7 go into a
# virtual environment of their own (nothing is installed into the system's Python), made once and reused.
lab_fail() {
  echo "install.sh: the kernel is installed, but JupyterLab could not be set up: $1" >&2
  echo "install.sh: install a Jupyter front end yourself, or run ./install.sh --no-lab to skip this step" >&2
  exit 1
}
pip_install() {  # $1: the venv's python, then packages; the indexes pip's configuration names first
  local py=$1; shift
  local extra
  extra=$("$py" -m pip config get global.extra-index-url 2>/dev/null || true)
  if [ -z "${PIP_INDEX_URL:-}" ] && [ -n "$extra" ] && ! "$py" -m pip config get global.index-url >/dev/null 2>&1; then
    local first=${extra%% *} rest=""
    [ "$first" = "$extra" ] || rest=${extra#* }
    local args=(--index-url "$first")
    for url in $rest; do args+=(--extra-index-url "$url"); done
    "$py" -m pip install -q "${args[@]}" "$@" 2>/dev/null && return 0
  fi
  "$py" -m pip install -q "$@"
}
if command -v jupyter-lab >/dev/null; then
  open_cmd="jupyter lab"
  echo "Front end:  JupyterLab found at $(command -v jupyter-lab); left as it is"
elif command -v jupyter-notebook >/dev/null; then
  open_cmd="jupyter notebook"
  echo "Front end:  Jupyter Notebook found at $(command -v jupyter-notebook); left as it is"
elif [ -x "$lab_venv/bin/jupyter-lab" ] && [ -x "$lab_venv/bin/jupyter-notebook" ]; then
  open_cmd="$lab_venv/bin/jupyter lab"
  echo "Front end:  JupyterLab in $lab_venv (set up by an earlier run); left as it is"
else
  python=$(command -v python3 || true)
  [ -n "$python" ] || lab_fail "no python3 on the PATH (apt-get install python3)"
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 9))' || lab_fail "JupyterLab 4 needs Python 3.9 or newer"
  echo "No Jupyter front end found: installing JupyterLab and Notebook 7 into $lab_venv (about a minute)..."
  if ! venv_log=$("$python" -m venv "$lab_venv" 2>&1); then
    # Debian and Ubuntu ship venv's pip bootstrap (ensurepip) apart, in python3-venv.
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
      echo "  installing Debian's python3-venv (python3 -m venv needs it)"
      { apt-get install -y -qq python3-venv >/dev/null 2>&1 \
        || { apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; }; } \
        || lab_fail "apt-get install python3-venv failed"
      rm -rf "$lab_venv"
      venv_log=$("$python" -m venv "$lab_venv" 2>&1) || lab_fail "python3 -m venv failed: $venv_log"
    elif command -v apt-get >/dev/null; then
      lab_fail "python3 -m venv needs Debian's python3-venv: sudo apt-get install python3-venv, then run this again"
    else
      lab_fail "python3 -m venv failed: $venv_log"
    fi
  fi
  pip_install "$lab_venv/bin/python" "jupyterlab>=4,<5" "notebook>=7,<8" || lab_fail "pip could not install jupyterlab and notebook"
  open_cmd="$lab_venv/bin/jupyter lab"
  echo "Front end:  JupyterLab $("$lab_venv/bin/jupyter-lab" --version) and Notebook $("$lab_venv/bin/jupyter-notebook" --version) in $lab_venv"
fi
echo
echo "Open the tutorials with:"
echo "  $open_cmd \"$here/notebooks\""
