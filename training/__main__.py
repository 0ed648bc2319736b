"""`python -m training`: the training commands, also runnable under torchrun / accelerate launch."""
import sys

from training.cli import main

sys.exit(main())
