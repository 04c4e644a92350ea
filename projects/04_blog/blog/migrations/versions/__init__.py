"""One file per schema change, applied in order by `flask --app blog db upgrade`."""
