#!/usr/bin/env bash
# The container image's own files, which Jib lays over an empty base ("scratch") beside Vigil's
# classes and libraries: a Java runtime linked from the JDK that builds, the C libraries that
# runtime loads, copied from the building machine, and the directories a non-root Vigil writes to.
# Nothing is downloaded (docs/adr/0031-container-image-from-scratch.md).
# usage: root.sh JAVA_HOME OUTPUT_DIRECTORY
set -euo pipefail
java_home=$1
root=$2
# Java SE, and what Vigil's libraries use beyond it: Unsafe (Hazelcast), DNS lookups through JNDI
# (Hazelcast's Kubernetes discovery), elliptic-curve TLS, JFR and the platform MXBeans (metrics).
modules=java.se,jdk.unsupported,jdk.naming.dns,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.management.jfr,jdk.jfr,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.net

rm -rf "$root"
mkdir -p "$root/opt" "$root/etc" "$root/tmp" "$root/var/lib/vigil" "$root/home/vigil"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$root/opt/java"

# Every shared library the runtime's programs and libraries link, and the dynamic loader; libgcc_s
# too, which glibc loads by itself when a thread ends. Not those of the desktop's libraries (X11,
# fonts, images, sound), which a headless server never loads.
desktop='libawt_xawt.so|libjawt.so|libsplashscreen.so|libfontmanager.so|liblcms.so|libjsound.so|libjavajpeg.so'
libraries() {
  find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) | grep -Ev "/($desktop)$" | xargs -n1 ldd 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
  ldconfig -p | awk '$1 == "libgcc_s.so.1" && $NF ~ /x86-64|\// { print $NF }' | head -1
}
for library in $(libraries | grep -v "^$root/" | sort -u); do
  mkdir -p "$root$(dirname "$library")"
  cp -L "$library" "$root$library"
done

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
vigil:x:65532:65532:Vigil:/home/vigil:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
vigil:x:65532:
GROUP
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
