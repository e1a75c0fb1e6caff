// Each suite boots Medusa in the same jest worker: clear MikroORM's global entity registry between them.
const { MetadataStorage } = require("@mikro-orm/core")

MetadataStorage.clear()
