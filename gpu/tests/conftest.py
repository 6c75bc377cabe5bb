import pathlib
import sys

GPU_DIR = pathlib.Path(__file__).resolve().parents[1]
ROOT = GPU_DIR.parent
FIXTURES = ROOT / "kernel-lib" / "test" / "fixtures" / "jobs"
sys.path.insert(0, str(GPU_DIR))
