app_name = "catalogus"

urlpatterns: list = []
