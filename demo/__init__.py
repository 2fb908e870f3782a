"""The demo event: 2025 Jilin Provincial Workers' Games, loaded through the real services."""
