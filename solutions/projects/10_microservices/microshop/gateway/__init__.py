"""The gateway: the only service customers reach. REST, GraphQL and a WebSocket, all behind a JWT."""
