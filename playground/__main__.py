from playground.cli import main

# Guarded: a spawned engine host re-imports the main module of the process that started it.
if __name__ == "__main__":
    raise SystemExit(main())
