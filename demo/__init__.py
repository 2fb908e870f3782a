"""The demo event: Jilin Provincial Workers' Games, loaded through the real services."""
