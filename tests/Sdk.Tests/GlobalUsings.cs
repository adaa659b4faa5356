global using Gateway.TestHosting;
