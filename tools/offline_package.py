"""``make offline``: ``dist/rectify-offline-<version>.zip``, an install package for offices without internet.

It holds every wheel rectify needs at run time (pyproject's ``[project].dependencies`` as pinned in
requirements.lock, without the dev tools) for Linux x86_64 and aarch64 and Windows amd64 on
Python 3.10-3.13, rectify's own wheel, pip, an installer per platform (install.bat, install.sh),
安装说明.txt and SHA256SUMS. A dependency published only as a source archive (jieba) is built here
into a pure-Python wheel. Each platform and Python is then resolved from the package alone
(``uv pip compile --no-index``), so a missing wheel fails the build, not an office's install.

Usage: ``python tools/offline_package.py [--out dist] [--here]``; ``--here`` builds only this
machine's platform and Python (what tests/output/test_offline_package.py installs from).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from email.parser import Parser
from pathlib import Path

from offline_texts import INSTALL_BAT, INSTALL_SH, OPEN_CONSOLE_BAT, README_TXT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# The installers run this pip from its wheel, so a Python without ensurepip (Debian's, UOS's
# without python3-venv) installs too, and every office gets the same pip.
PIP = "pip==26.3 --hash=sha256:f3b60b20ffaadd4415ed7957212a38ac63fa4c5fa375bd0f4a797777940fad13"
# glibc 2.28: 银河麒麟 V10 and 统信 UOS 20; wheels for any older manylinux run there too.
GLIBC_MINOR = 28


@dataclass(frozen=True)
class Target:
    name: str  # as the report says it
    os: str  # linux | windows
    machine: str  # x86_64 | aarch64 | AMD64
    python: str  # 3.10 ...

    def pip_platforms(self) -> list[str]:
        if self.os == "windows":
            return ["win_amd64"]
        legacy = [f"manylinux2014_{self.machine}"] + (
            [f"manylinux2010_{self.machine}", f"manylinux1_{self.machine}"] if self.machine == "x86_64" else []
        )
        return [f"manylinux_2_{minor}_{self.machine}" for minor in range(GLIBC_MINOR, 4, -1)] + legacy

    def uv_platform(self) -> str:
        return "x86_64-pc-windows-msvc" if self.os == "windows" else f"{self.machine}-manylinux_2_{GLIBC_MINOR}"

    def environments(self) -> list[dict[str, str]]:
        """Marker environments of every patch release (the lock splits 3.11 at 3.11.5)."""
        windows = self.os == "windows"
        base = {
            "os_name": "nt" if windows else "posix",
            "sys_platform": "win32" if windows else "linux",
            "platform_system": "Windows" if windows else "Linux",
            "platform_machine": self.machine,
            "implementation_name": "cpython",
            "platform_python_implementation": "CPython",
            "python_version": self.python,
        }
        return [{**base, "python_full_version": f"{self.python}.{patch}"} for patch in range(30)]


def all_targets() -> list[Target]:
    platforms = [
        ("linux", "x86_64", "Linux x86_64"),
        ("linux", "aarch64", "Linux aarch64"),
        ("windows", "AMD64", "Windows amd64"),
    ]
    return [
        Target(f"{label} Python {python}", os_, machine, python)
        for os_, machine, label in platforms
        for python in PYTHONS
    ]


def this_target() -> Target:
    machine = platform.machine()
    os_ = "windows" if sys.platform == "win32" else "linux"
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return Target(f"{platform.system()} {machine} Python {python}", os_, machine, python)


@dataclass
class Pin:
    """One requirement of requirements.lock: ``name==version ; marker``, its hashes and who needs it."""

    requirement: Requirement
    hashes: list[str] = field(default_factory=list)
    via: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return canonicalize_name(self.requirement.name)

    def applies(self, target: Target) -> bool:
        marker = self.requirement.marker
        return marker is None or any(marker.evaluate(env) for env in target.environments())

    def hashed_line(self) -> str:
        return f"{self.requirement.name}{self.requirement.specifier} " + " ".join(f"--hash={h}" for h in self.hashes)


def read_lock(text: str) -> list[Pin]:
    """The pins of a ``uv pip compile --generate-hashes`` file, with its ``# via`` annotations."""
    pins: list[Pin] = []
    in_via = False
    for raw in text.splitlines():
        line = raw.strip().rstrip("\\").strip()
        if not line:
            continue
        if not raw[0].isspace() and not line.startswith("#"):
            pins.append(Pin(Requirement(line)))
            in_via = False
        elif line.startswith("--hash="):
            pins[-1].hashes.append(line.removeprefix("--hash="))
        elif line.startswith("# via"):
            parent = line.removeprefix("# via").strip()
            pins[-1].via.update([canonicalize_name(parent.split(" (")[0])] if parent else [])
            in_via = not parent
        elif in_via and line.startswith("#"):
            pins[-1].via.add(canonicalize_name(line.lstrip("# ").split(" (")[0]))
    return pins


def runtime_pins(pins: list[Pin], roots: Iterable[str]) -> list[Pin]:
    """The pins needed by ``roots`` and, in turn, by what they need (the lock's ``# via``).

    The dev extra's tools come in only through ``rectify``, which is not a root, so they stay out."""
    needed = {canonicalize_name(name) for name in roots}
    grown = True
    while grown:
        more = {pin.name for pin in pins if pin.via & needed} - needed
        needed |= more
        grown = bool(more)
    return [pin for pin in pins if pin.name in needed]


def pip(*args: str, env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"pip {args[0]} failed:\n{result.stdout}{result.stderr}")


def build_own_wheel(out: Path) -> Path:
    """rectify's wheel, built from a copy so that the checkout gets no build/ or egg-info."""
    with tempfile.TemporaryDirectory(prefix="rectify-wheel-") as tmp:
        source = Path(tmp)
        for name in ("pyproject.toml", "setup.py", "MANIFEST.in"):
            shutil.copy(ROOT / name, source / name)
        ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
        for name in ("hooks", "docs"):
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        pip("wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(out), str(source))
    return next(out.glob("rectify-*.whl"))


def wheel_metadata(wheel: Path) -> tuple[str, list[Requirement]]:
    """The version and run-time requirements (no extras) a wheel states."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(name).decode("utf-8"))
    requirements = [Requirement(line) for line in metadata.get_all("Requires-Dist") or []]
    plain = [r for r in requirements if r.marker is None or "extra" not in str(r.marker)]
    return metadata["Version"], plain


def variants(pins: list[Pin], target: Target) -> list[tuple[str, list[Pin]]]:
    """``(python_full_version, pins)`` for each set of pins the patch releases of ``target.python`` take
    (the lock splits 3.11 at 3.11.5, where a newer pymdown-extensions requires it)."""
    first: dict[tuple[int, ...], str] = {}
    for env in target.environments():
        key = tuple(
            i for i, pin in enumerate(pins) if pin.requirement.marker is None or pin.requirement.marker.evaluate(env)
        )
        first.setdefault(key, env["python_full_version"])
    return [(version, [pins[i] for i in key]) for key, version in first.items()]


def download(pins: list[Pin], target: Target, wheels: Path, work: Path) -> None:
    """The pinned files for one platform and Python, hashes checked; files already there are kept."""
    platforms = [option for tag in target.pip_platforms() for option in ("--platform", tag)]
    for version, chosen in variants(pins, target):
        listing = _write(
            work / f"{target.os}-{target.machine}-{version}.txt", "\n".join(p.hashed_line() for p in chosen)
        )
        # --no-deps: the lock already lists everything; it also lets pip take a source archive (built below,
        # its metadata read with this venv's setuptools rather than one installed for each run).
        pip("download", "--no-deps", "--no-build-isolation", *platforms, "--python-version", version, "--implementation", "cp",
            "--dest", str(wheels), "--requirement", str(listing))  # fmt: skip


def build_source_archives(wheels: Path) -> list[str]:
    """Wheels for what is published only as source; it must be pure Python to serve every platform."""
    built = []
    for archive in sorted([*wheels.glob("*.tar.gz"), *wheels.glob("*.zip")]):
        before = set(wheels.glob("*.whl"))
        pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", str(wheels), str(archive))
        (wheel,) = set(wheels.glob("*.whl")) - before
        if not wheel.name.endswith("-none-any.whl"):
            raise SystemExit(f"{archive.name} has no wheel for some platform and is not pure Python ({wheel.name})")
        archive.unlink()
        built.append(wheel.name)
    return built


def constraints(pins: list[Pin]) -> str:
    """The lock's versions with their markers, for the installers' ``pip install -c``: pip evaluates
    the markers on the office's own machine, so it installs exactly what the lock says there."""
    lines = [str(pin.requirement) for pin in pins]
    # ASCII only: pip reads this file in the locale's encoding (GBK on a Chinese Windows).
    return "# rectify's run-time pins from requirements.lock\n" + "\n".join(lines) + "\n"


def resolve(target: Target, version: str, folder: Path) -> list[str]:
    """What an install on ``target`` (Python ``version``) takes from the package alone, as ``name==version`` lines."""
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or "uv"  # the dev extra's, pinned
    command = [
        uv, "pip", "compile", "--quiet", "--no-header", "--no-annotate", "--cache-dir", str(folder.parent / "uv-cache"),
        "--no-index", "--find-links", str(folder / "wheels"), "--only-binary", ":all:",
        "--constraints", str(folder / "wheels" / "constraints.txt"),
        "--python-platform", target.uv_platform(), "--python-version", version, "-",
    ]  # fmt: skip
    env = {**os.environ, "UV_NO_CONFIG": "1"}
    result = subprocess.run(command, input="rectify\n", capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{target.name}: the package cannot install rectify:\n{result.stderr}")
    return [line for line in result.stdout.splitlines() if line and not line.startswith("#")]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_text(path: Path, text: str, encoding: str = "utf-8", crlf: bool = False) -> None:
    path.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode(encoding))


def write_package_files(folder: Path, version: str) -> None:
    """Installers and instructions; Windows files with CRLF, the batch files in GBK, the code page
    cmd.exe reads them in on a Chinese Windows (a UTF-8 batch file prints garbage there)."""
    pip_wheel = next((folder / "wheels").glob("pip-*.whl")).name
    values = {"version": version, "pip_wheel": pip_wheel, "year": str(date.today().year)}  # init's default notice
    write_text(folder / "install.bat", INSTALL_BAT.format(**values), "gbk", crlf=True)
    write_text(folder / "命令窗口.bat", OPEN_CONSOLE_BAT, "gbk", crlf=True)
    write_text(folder / "install.sh", INSTALL_SH.format(**values))
    # UTF-8 with a BOM and CRLF: Notepad of every Windows 10 shows it, and so does any Linux editor.
    write_text(folder / "安装说明.txt", README_TXT.format(**values), "utf-8-sig", crlf=True)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    sums = "".join(f"{sha256(p)}  {p.relative_to(folder).as_posix()}\n" for p in files)
    write_text(folder / "SHA256SUMS", sums)


def write_zip(folder: Path, zip_path: Path) -> None:
    """The folder under its own name; install.sh executable (unzip keeps the mode)."""
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo.from_file(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
            info.external_attr = (0o100755 if path.suffix == ".sh" else 0o100644) << 16
            info.compress_type = zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    tmp.replace(zip_path)


def build(out: Path, targets: list[Target]) -> Path:
    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rectify-offline-") as tmp:
        work = Path(tmp)
        own = build_own_wheel(work / "own")
        version, requirements = wheel_metadata(own)
        folder = work / f"rectify-offline-{version}"
        wheels = folder / "wheels"
        wheels.mkdir(parents=True)
        shutil.copy(own, wheels)
        pins = runtime_pins(read_lock(LOCK.read_text(encoding="utf-8")), [r.name for r in requirements])
        pins = [pin for pin in pins if any(pin.applies(target) for target in targets)]
        for target in targets:
            print(f"下载 {target.name} ……", flush=True)
            download(pins, target, wheels, work)
        built = build_source_archives(wheels)
        pip("download", "--no-deps", "--dest", str(wheels), "--requirement", str(_write(work / "pip.txt", PIP)))
        (wheels / "constraints.txt").write_text(constraints(pins), encoding="utf-8")
        counts = {
            f"{target.name}（{python} 起）" if len(chosen) > 1 else target.name: len(resolve(target, python, folder))
            for target in targets
            for chosen in [variants(pins, target)]
            for python, _ in chosen
        }
        write_package_files(folder, version)
        zip_path = out / f"{folder.name}.zip"
        write_zip(folder, zip_path)
        wheel_count = len(list(wheels.glob("*.whl")))
    size = zip_path.stat().st_size
    print(
        f"离线安装包：{zip_path}（{size / 1024 / 1024:.1f} MiB，{wheel_count} 个 wheel，用时 {time.monotonic() - started:.0f} 秒）"
    )
    print(f"  自己构建的 wheel（只有源码包的依赖）：{'、'.join(built) or '无'}")
    for name, count in counts.items():
        print(f"  {name}：安装 {count} 个 wheel（含 rectify）")
    digest = zip_path.with_name(zip_path.name + ".sha256")
    digest.write_text(f"{sha256(zip_path)}  {zip_path.name}\n", encoding="utf-8")
    print(f"  校验值：{digest}")
    return zip_path


def _write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/rectify-offline-<version>.zip")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--here", action="store_true", help="only this machine's platform and Python")
    args = parser.parse_args(argv)
    build(args.out, [this_target()] if args.here else all_targets())
    return 0


if __name__ == "__main__":
    sys.exit(main())
