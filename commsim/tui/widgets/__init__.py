"""Small widgets: each renders what it is given and posts messages; none touches the store or the engine."""
