"""The Training tab: tab, runner, report, history, charts, inputs, process, plans and the run registry."""
