#!/usr/bin/env python3
"""Checks conanfile.py and test_package/conanfile.py without Conan.

Conan cannot run on the CI machine, so this script
  1. byte-compiles both recipes;
  2. imports them against the stand-in `conan` module in conan_stub/ and
     checks the attributes and what each method asks for (version read from
     CMakeLists.txt, Boost required, package id cleared, CMake/pkg-config names,
     no lib or bin dirs, tests/examples/benchmarks/docs off);
  3. unless --no-cmake: does what `conan create` would do with the sources,
     through CMake itself: copies only the files `exports_sources` names to a
     scratch dir, configures them with the cache variables the recipe's
     generate() sets, installs, and checks the package layout.

Usage: check_conan_recipe.py [--print-version] [--no-cmake] [--work DIR]
  --print-version  print the version set_version() finds, and nothing else
"""

import argparse
import fnmatch
import importlib.util
import os
import py_compile
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(HERE, "conan_stub"))

import conan  # noqa: E402  (the stand-in)
from conan.tools.cmake import CMakeToolchain  # noqa: E402

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def load_recipe(path, module_name):
    py_compile.compile(path, doraise=True, cfile=os.path.join(tempfile.gettempdir(), module_name + ".pyc"))
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    classes = [c for c in vars(module).values()
               if isinstance(c, type) and issubclass(c, conan.ConanFile) and c is not conan.ConanFile]
    if len(classes) != 1:
        raise SystemExit(f"{path}: expected one ConanFile subclass, found {len(classes)}")
    return classes[0]


def check_recipe():
    recipe_class = load_recipe(os.path.join(ROOT, "conanfile.py"), "borderstats_conanfile")
    recipe = recipe_class(recipe_folder=ROOT)
    recipe.set_version()
    version = recipe.version

    check(recipe.name == "borderstats", "name is borderstats")
    check(recipe.package_type == "header-library", "package_type is header-library")
    check(recipe.no_copy_source is True, "no_copy_source is True")
    check(recipe.license == "MIT", "license is MIT")
    check(isinstance(version, str) and version.count(".") == 2, f"set_version() gives x.y.z, not {version!r}")
    for pattern in ("CMakeLists.txt", "LICENSE", "cmake/*", "include/*"):
        check(pattern in recipe.exports_sources, f"exports_sources has {pattern}")

    recipe.requirements()
    boost = [r for r, traits in recipe.requirements_seen if r.startswith("boost/")]
    check(len(boost) == 1, "requirements() requires boost")
    check(any(traits.get("transitive_headers") for r, traits in recipe.requirements_seen if r.startswith("boost/")),
          "boost is required with transitive_headers (our headers include Boost's)")

    recipe.package_id()
    check(recipe.info.cleared, "package_id() clears the info (one package for all configurations)")

    recipe.validate()
    check(getattr(recipe, "min_cppstd_checked", None) == "17", "validate() checks C++17")

    recipe.layout()
    check(getattr(recipe, "layout_called", False), "layout() uses cmake_layout")

    recipe.package_info()
    props = recipe.cpp_info.properties
    check(props.get("cmake_file_name") == "borderstats", "cmake_file_name is borderstats")
    check(props.get("cmake_target_name") == "borderstats::borderstats", "cmake_target_name is borderstats::borderstats")
    check(props.get("pkg_config_name") == "borderstats", "pkg_config_name is borderstats")
    check(recipe.cpp_info.bindirs == [] and recipe.cpp_info.libdirs == [], "bindirs and libdirs are empty")

    CMakeToolchain.instances.clear()
    recipe.generate()
    check(len(CMakeToolchain.instances) == 1, "generate() makes one CMakeToolchain")
    cache = CMakeToolchain.instances[0].cache_variables if CMakeToolchain.instances else {}
    check(cache.get("BORDERSTATS_INSTALL") is True, "generate() turns BORDERSTATS_INSTALL on")
    for option in ("TESTS", "EXAMPLES", "BENCHMARKS", "DOCS"):
        check(cache.get(f"BORDERSTATS_BUILD_{option}") is False, f"generate() turns BORDERSTATS_BUILD_{option} off")

    recipe.package_folder = os.path.join(tempfile.gettempdir(), "borderstats-conan-stub-package")
    recipe.package()
    check("install" in getattr(recipe, "cmake_calls", []), "package() runs the CMake install")
    check(any(p == "LICENSE" for p, _, _ in getattr(recipe, "copied", [])), "package() copies LICENSE")
    return recipe, cache


def check_test_package():
    test_class = load_recipe(os.path.join(ROOT, "test_package", "conanfile.py"), "borderstats_test_package")
    test = test_class(recipe_folder=os.path.join(ROOT, "test_package"))
    test.tested_reference_str = "borderstats/0.0.0"
    test.requirements()
    check([r for r, _ in test.requirements_seen] == ["borderstats/0.0.0"], "test_package requires the tested reference")
    check(set(test_class.generators) >= {"CMakeDeps", "CMakeToolchain"}, "test_package uses CMakeDeps and CMakeToolchain")
    test.layout()
    test.build()
    check(getattr(test, "cmake_calls", []) == ["configure", "build"], "test_package configures and builds")
    test.cpp.build = type("Build", (), {"bindir": "bin"})()
    test.test()
    check(hasattr(test, "ran"), "test_package runs the example")


def exported_files(patterns):
    """The files Conan would export: every path under ROOT matching a pattern."""
    out = []
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        for name in filenames:
            rel = os.path.relpath(os.path.join(dirpath, name), ROOT).replace(os.sep, "/")
            if any(fnmatch.fnmatch(rel, p) for p in patterns):
                out.append(rel)
    return out


def simulate_create(recipe, cache, work):
    """Configure and install only the exported sources, as `conan create` does."""
    src = os.path.join(work, "src")
    build = os.path.join(work, "build")
    package = os.path.join(work, "package")
    shutil.rmtree(work, ignore_errors=True)
    for rel in exported_files(recipe.exports_sources):
        os.makedirs(os.path.dirname(os.path.join(src, rel)), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), os.path.join(src, rel))
    defs = [f"-D{k}={'ON' if v is True else 'OFF' if v is False else v}" for k, v in cache.items()]
    subprocess.run(["cmake", "-S", src, "-B", build, f"-DCMAKE_INSTALL_PREFIX={package}", *defs],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--install", build], check=True, stdout=subprocess.DEVNULL)
    # What package() does after the install.
    os.makedirs(os.path.join(package, "licenses"), exist_ok=True)
    shutil.copy2(os.path.join(src, "LICENSE"), os.path.join(package, "licenses", "LICENSE"))
    shutil.rmtree(os.path.join(package, "share"))
    check(os.path.isfile(os.path.join(package, "include", "borderstats", "borderstats.hpp")),
          "the package holds include/borderstats/borderstats.hpp")
    check(sorted(os.listdir(package)) == ["include", "licenses"], f"the package holds only include/ and licenses/, not {sorted(os.listdir(package))}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--print-version", action="store_true")
    parser.add_argument("--no-cmake", action="store_true")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "borderstats-conan-check"))
    args = parser.parse_args()

    recipe, cache = check_recipe()
    if args.print_version:
        print(recipe.version)
        return 1 if failures else 0
    check_test_package()
    if not args.no_cmake and not failures:
        simulate_create(recipe, cache, args.work)
    for f in failures:
        print(f"conan recipe check failed: {f}", file=sys.stderr)
    if not failures:
        print(f"conan recipe borderstats/{recipe.version}: attributes, methods and exported-source install OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
